"""Officer accounts. Sign-in views and two-factor arrive with the officer workspace."""
