"""Common UK first names, used by ``analysis.redact`` only next to a context cue
("I'm Paul", "our Kev", "Dave from number 12"), never to redact a capitalised word alone.

A modest hand-written list: frequent names across ages in the north-east of England,
usual short forms and north-east nicknames ("Shaz", "Gaz", "Robbo"), and common names of Irish, Scottish, South Asian, Polish and other
communities living there. Missing a name here only matters for the weakest cues;
titles, relations and "called"/"named" work for any capitalised name.
"""

from __future__ import annotations

__all__ = ["FIRST_NAMES"]

_NAMES = """
Aaron Abdul Abby Abdullah Abigail Adam Adrian Agnes Ahmed Aidan Aiden Aileen Alan Alana Albert Alex Alexander
Alexandra Alfie Ali Alice Alicia Alison Allan Amanda Amber Amelia Amir Amy Andrea Andrew Andy Angela Angie Ann Anna
Anne Annette Annie Anthony Antony Archie Arthur Ashley Audrey Ava Barbara Barry Beata Becky Ben Benjamin Bernadette
Bernard Beth Bethany Betty Bev Beverley Bill Billy Bob Bobby Brenda Brian Bridget Bryan Callum Cameron Carl Carol
Caroline Carolyn Catherine Cath Charlie Charlotte Chelsea Cheryl Chloe Chris Christine Christopher Claire Colin
Connor Craig Dale Damian Damien Dan Daniel Danny Darren Dave David Dawn Dean Debbie Deborah Debra Declan Denise Dennis
Derek Diane Dominic Donna Doreen Doris Dorothy Dot Ed Eddie Edward Eileen Elaine Eleanor Elizabeth Ella Ellie Emily
Emma Eric Ethan Eve Evelyn Ewa Faisal Farah Fatima Finn Fiona Frances Francis Frank Freddie Gail Gareth Garry Gary
Gavin Gemma Geoff Geoffrey George Georgia Geraldine Gillian Glen Glenn Gordon Grace Graham Grant Hamza Hannah Harry
Harvey Hassan Hayley Hazel Heather Helen Henry Hilda Holly Hussain Ian Imran Irene Isaac Isabella Isabelle Isla Ivy
Jack Jackie Jacob Jade Jake James Jamie Jan Jane Janet Janice Jason Jayne Jean Jeff Jenny Jennifer Jessica Jill Jim
Jimmy Joan Joanne Jodie Joe Joel John Johnny Jon Jonathan Jordan Joseph Josh Joshua Joyce Julie Justin Kamil Karen
Kasia Kate Katie Kayleigh Keith Kelly Ken Kenny Kerry Kev Kevin Khalid Kieran Kim Kirsty Kyle Laura Lauren Lee Leah
Leanne Len Leo Lesley Leslie Lewis Liam Lily Linda Lindsay Lisa Liz Logan Lorraine Louise Lucy Luke Lyn Lynn Lynne
Maggie Magda Malcolm Mandy Marek Margaret Maria Marie Marion Mark Martin Martyn Mary Mason Matt Matthew Maureen Max
Megan Mel Melanie Michael Michelle Mick Mike Mohammed Mohammad Muhammad Molly Nadia Natalie Nathan Neil Nicola Nicole
Nigel Noah Norma Norman Oliver Olivia Oscar Owen Paige Pam Pamela Pat Patricia Patrick Paul Paula Pauline Pawel
Peter Phil Philip Phoebe Piotr Poppy Rachel Raj Rajesh Ray Raymond Rebecca Reece Rhys Richard Rick Ricky Rita Rob
Robbie Robert Robyn Rachael Rose Rosie Ross Roy Ruby Russell Ruth Ryan Sadie Saima Sally Sam Samantha Samuel Sandra
Sara Sarah Scott Sean Shane Shannon Sharon Shaun Sheila Shirley Simon Sophie Stacey Stan Stephen Steve Steven Stewart
Stuart Sue Susan Suzanne Sylvia Tania Tanya Tariq Terry Theo Theresa Thomas Tim Tina Toby Tom Tommy Tomasz Tony
Tracey Tracy Trevor Valerie Vicky Victoria Vince Wayne Wendy William Willie Yasmin Yusuf Zara Zoe Zainab
Baz Bazza Chez Chell Dazza Daz Deano Gaz Gazza Jonno Kaz Kez Macca Maz Micky Mo Nic Nicky Robbo Shaz Shell Smithy
Stevie Tez Trace Vic Wes Jay Jo Mandi Kel Lou Nat Becca Abi Liv Millie Tilly Alfie Stacey Kayla Chantelle Shannon
Aaliyah Abdi Agnieszka Amina Andrei Ania Aoife Ayesha Bert Bilal Brooke Ciaran Courtney Cyril Darius Demi Destiny
Edna Elena Elsie Erin Ernest Ernie Ethel Evie Ewan Faye Fred Gladys Hamish Harold Herbert Hodan Iain Ioana Ionut Iris
Ivan Jade Jasmine June Kamal Katarzyna Kath Kathleen Keeley Kelsey Kiera Kirsten Kofi Kwame Kylie Lacey Leon Leonard
Les Libby Lindsey Macy Marjorie Maurice Mavis Mia Mihai Mildred Morag Muriel Naomi Natasha Niamh Nora Olive Omar
Padraig Peggy Percy Pete Phyllis Priya Ralph Reg Reginald Roger Ron Ronald Ronnie Sanjay Seamus Shelley Shona Sid
Sinead Siobhan Skye Stanley Summer Sunita Tash Tasha Ted Tegan Terence Tia Toni Tyler Vera Victor Violet Wally
Walter Wilf Wilfred Winifred Yvonne
Alf Arben Besnik Elira Pavel Jana Petr Tomas Lukas Azad Rojin Yonas Semhar Dawit Senait Bogdan Vasile Florin
Adriana Oksana Olena Dmytro Taras Iryna Samir Karim Rania Layla Idris Kemal Emre Mehmet Ayse Fatma Linh Minh Thanh
Huong Chinedu Ngozi Emeka Chiamaka Tunde Kwabena Kojo Thulani Tendai Nyasha Farai Rutendo
""".split()

FIRST_NAMES: frozenset[str] = frozenset(_NAMES)
