"""The survey domain: definitions, streets, responses and the resident journey."""
