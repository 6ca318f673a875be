"""Common UK first names, used by ``analysis.redact`` only next to a context cue
("I'm Paul", "our Kev", "Dave from number 12"), never to redact a capitalised word alone.

A modest hand-written list: frequent names across ages in the north-east of England,
usual short forms and north-east nicknames ("Shaz", "Gaz", "Robbo"), common names of Irish, Scottish, Welsh,
South Asian, West African, Caribbean, Polish, Baltic, Balkan and other communities living there, and the names
parents have given since the 1990s ("Kayden", "Macie"). Short names that are also words ("Kit", "Dev", "Mo" in
lower case) are left out or counted as words by ``analysis.redact``. Missing a name here only matters for the weakest cues;
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
Abbie Abdirahman Abena Adeola Agne Ailsa Aimee Aisha Akua Aleksandra Alesha Alina Alisha Alistair Ally Amara Amelie
Amrit Ana Andreea Angus Anil Anita Anjali Annabel Antonia Anya Arjun Arlo Aryan Asad Asha Ashleigh Asif Aston Aubrey
Aurelija Austin Ayaan Aziz Balwinder Bashir Beryl Bethan Beverly Bianca Bisi Blake Bradley Brandon Brayden Bronwen
Bryony Bushra Caitlin Calum Carla Carys Cassie Catriona Cecil Ceri Cerys Chidi Cissie Clare Claudette Clifford Clive
Connie Cristina Dafydd Daniela Danielle Davey Davy Dee Deepak Delroy Desmond Dimitrina Dionne Dmitri Dominika Dorota
Dougie Douglas Dragan Duncan Dylan Eden Edita Edith Eilidh Eleri Elin Ellen Elliot Elliott Ellis Enid Errol Esme
Euan Ewelina Farhan Farida Femi Ffion Florrie Folake Fraser Freda Freya Funmi Gabby Gabriela Galina Georgina Gerald
Gerry Gethin Gilbert Gina Glesni Goran Gurpreet Gwen Gwyneth Hamid Harjit Harley Haroon Harpreet Hayden Hilary
Hollie Horace Howard Hugh Huw Ibrahim Ieuan Ieva Ilona Imogen Inga Irina Ismail Ivana Iwan Jamal Jamila Jaspreet
Jasvinder Javed Jaxon Jayden Jelena Jensen Jenson Jermaine Jerome Jess Jessie Jiri Joanna Jock Joey Jonah Jonas Jude
Jurgita Justyna Kadri Karl Karolina Kashif Kayden Kaylee Keegan Keira Keiran Kemi Kenneth Kenzie Kian Kiara
Kimberley Kiran Kirsteen Klaudia Krzysztof Kuba Kulwinder Kwesi Kyran Lachlan Lana Lara Leila Lena Lenka Lennon
Lenny Leroy Lexi Lexie Liis Lilian Lillian Lina Lionel Llinos Lola Lottie Louie Lowri Lucas Lucie Ludmila Lydia
Mabel Macie Maddie Maddox Madge Madison Mae Mahmood Maisie Manpreet Mantas Marcia Marcin Mariam Marley Marnie Marta
Martha Martina Maryam Matilda Maud Maya Meera Meinir Melissa Mhairi Michal Mihaela Mikey Mikhail Milan Milena Minnie
Mitchell Mollie Monika Morven Murdo Mustafa Mya Nadeem Nadine Nancy Nasreen Natalia Nathaniel Navdeep Naveed Neha
Nellie Nia Nikola Nikolai Nisha Nkechi Norris Olga Ollie Ondrej Orla Otis Owain Parveen Pearl Petra Pooja Quang
Queenie Rahim Rahima Rajinder Rasa Rashid Ravi Reggie Rekha Renee Rhian Rhianna Rhiannon Riley Rio Rizwan Rohan
Roman Ronan Rory Rosemary Rowan Roxanne Ruairi Ruben Rufus Rukhsana Sadia Sami Samira Sanja Scarlett Segun Serena
Sergei Shabana Shahid Shanti Shazia Shug Sian Sidney Sienna Sioned Sofia Sohail Sonny Sophia Stacy Stanislav Stefan
Stella Sukhdev Sultana Sunil Svetlana Sydney Sylwia Tadas Tamara Tamsin Tara Tatiana Teddy Teresa Thelma Tiana Tolu
Tomos Travis Trish Trisha Tristan Troy Tuan Tyrell Tyrone Usman Valentina Vernon Vijay Viktor Vilma Vincent Vinnie
Waqas Warren Wilma Winnie Winston Wullie Yetunde Yulia Zach Zachary Zahra Zak Zane Zofia Zoran Zubair Zuzana
""".split()

FIRST_NAMES: frozenset[str] = frozenset(_NAMES)
