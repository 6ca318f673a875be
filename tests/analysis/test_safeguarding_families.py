"""Families of answers the screen got wrong on wording it had never seen (issue 11), written
here as fresh general cases: none is taken from a labelled set. Each goes through the whole
pipeline (rules, then the learned second opinion), as an officer's review queue does."""
import pytest

from analysis import Pipeline, load_codebook
from analysis.safeguarding import screen


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline(load_codebook())


def flags(pipeline, text):
    [result] = pipeline.run([text])
    return set(result.safeguarding)


# A flag needs a present or ongoing risk to a person.
NOT_DISCLOSURES = {
    "figures of speech about injury or death": [
        "These speed bumps are murdering the suspension on my car.",
        "The parking wardens will be the death of this street.",
        "I nearly died of embarrassment when my sister saw the state of the lane.",
        "My back is killing me from dragging the bins round the front every week.",
        "Our councillor stabbed us all in the back over the residents' parking scheme.",
        "I could strangle whoever keeps leaving their black bags by my gate.",
        "Trying to get the housing office to ring back is like banging your head against a brick wall.",
    ],
    "television, films and jokes": [
        "We watched a crime drama last night where a girl got snatched off a street just like ours. Gave me the creeps.",
        "In the soap on Tuesday a woman was kept prisoner by her boyfriend, daft storyline if you ask me.",
        "My husband says he'll sell me to the highest bidder if I moan about the bins once more haha",
        "Honestly the state of the back lane makes me want to jump off the nearest bridge lol",
        "Saw a film about a gang trafficking girls through a seaside town, it was very well made.",
    ],
    "a resident's act of kindness to a woman in distress": [
        "A young woman was crying at the bus stop after a row with her fella, so I sat with her until her mum "
        "came to fetch her. She was fine after a cup of tea.",
        "One of the girls knocked asking for a plaster because she'd cut her hand. I patched her up and she "
        "went off home happy enough.",
        "Last week I walked a frightened lass to the taxi rank because a car kept crawling behind her. She texted "
        "later to say she got home safe.",
    ],
    "pets and animals": [
        "Somebody's lurcher attacked my spaniel in the park and she needed stitches.",
        "The foxes have been killing the chickens in the allotments.",
        "There's a dog tied up in a yard on our street all day with no water, it isn't right.",
        "A cat was hit by a speeding car outside number nine last night.",
    ],
    "plain statements that nothing is wrong": [
        "Nobody has ever threatened me or my family, it's a friendly street.",
        "I'm not scared of anyone round here and nobody's ever laid a finger on me.",
        "My kids are safe and happy, no problems at all.",
        "Nothing to report, we're all fine.",
    ],
    "past events that are over": [
        "Ten years ago my neighbour was assaulted outside the pub, but the man was locked up and she's fine now.",
        "Back in 2015 there was a brothel two doors down. The police shut it down and a nice family live there now.",
        "When I was a teenager a man tried to pull me into his car, I kicked him and ran. That was forty years ago.",
        "We were robbed at knifepoint years ago, they caught the lads and we moved on.",
    ],
    "exaggeration about a thing or a relative, and a threat its own writer takes back": [
        "The din from that takeaway, honestly it kills me, I get a headache every single night.",
        "My mam almost killed me when she found out I'd let the kids feed the seagulls again.",
        "If looks could kill, the drivers circling our block would be six foot under by now.",
        "Our Dave says he'll strangle whoever keeps nicking the parcels. He doesn't mean it, he's harmless.",
        "Everyone pulled a face when I said which street I live on.",
    ],
    "everyday words that sound like harm": [
        "My dad gets about with a walking stick now, so the broken pavements are a real worry for him.",
        "I've asked the council to cut the trees back on the corner so the light reaches the path.",
    ],
    "kindness and endings told in a second language or in dialect": [
        "A lady stand outside my shop crying, her purse is gone. I give her water and call her brother, he come "
        "and take her home. All good after.",
        "Found a lass sat in the lane soaked through one night, got her a brew and a towel. She was grand, off home "
        "with her pal after.",
        "Long time before, a man hit my cousin at the market, but now this man is in prison. Everybody ok.",
    ],
    "a past event told with the present that ended it": [
        "My brother got jumped for his trainers when he was 15. He's 40 now and laughs about it.",
        "In the seventies a flasher used to hang about by the swings. Nothing like that now.",
    ],
    "a mishap, a fear, a woman called someone's daughter": [
        "Last winter I see old man slip on the ice by the shop, he hurt his wrist. I call ambulance, he thank me.",
        "My worst fear is the landlord selling up and us having nowhere to go.",
        "If they open another bar on the corner, somebody will end up getting hurt, mark my words.",
        "The lasses on the corner are somebody's daughter, and they are crying out for a bit of help.",
        "The flat above the chippy was used by dealers a few years back, the police raided it and the old lad "
        "who lived there got rehoused somewhere safe. hes doing grand now",
    ],
    "hypothetical worries": [
        "Somebody is going to get badly hurt one day with all these cars racing up and down.",
        "It's only a matter of time before one of the girls gets attacked, with half the street lights out.",
        "If my granddaughter were a few years older I'd be worried sick about the men in cars.",
        "What if a bairn picked up one of those needles? It doesn't bear thinking about.",
    ],
    "a counterfactual about anyone, not a person the writer knows": [
        "If a pensioner fell in that unlit ginnel at night, nobody would find them till morning.",
        "Would anybody on this street even notice if someone was bundled into a car? I doubt it.",
        "It would only take one of those drivers to lose his temper and somebody would get a hiding.",
        "You could picture a lass being pulled into one of those vans and not a soul looking up.",
    ],
    "a book, a joke told as a joke, a threat taken back": [
        "I'm reading a crime novel about a girl kidnapped from a northern estate and it's too close to home.",
        "Heard the one about our street and the taxi rank? The taxi rank closes at two.",
        "My brother reckons he'll batter the next kerb crawler he sees. He won't, he's a big softie.",
    ],
    "exasperation: a thing that will kill me, 'shoot me if'": [
        "Shoot me if I have to ring the council about the same fly-tipping one more time.",
        "The hill up from the bus stop is killing me now my knees have gone.",
        "I wanted to throttle whoever left their car alarm going at four in the morning.",
        "We worry one of the toddlers will get hold of something nasty from that lane one day.",
    ],
    "a knife or a gun that is a tool, a toy, a game or a poster; an injury at sport": [
        "I use an old bread knife to cut back the ivy on the lane wall because nobody else will.",
        "Butchers carry their knives home in a case, that's the only blade you'll see on our street.",
        "The lads next door are on Fortnite till midnight shouting about who they've shot.",
        "Found a water pistol and a plastic sword in our hedge, the kids from the park lose everything.",
        "Our youngest broke his finger playing football on Sunday, hence the late reply.",
        "The bins in August, the smell kills me.",
    ],
    "children's games, school plays and online videos": [
        "Our youngest is in the nativity play about a baby who has to be hidden from a wicked king.",
        "The lads were playing cops and robbers in the back lane shouting 'stab him, stab him' at each other.",
        "My niece saw a YouTube video where a girl gets snatched and now she won't sleep with the light off. I told her it's made up.",
        "Our Mia is scared after a film where a lad gets taken from a park. We told her it was all pretend.",
    ],
    "a child woken by the noise": [
        "Car doors slamming at 2am wake the baby every single night.",
        "The bairns woke up screaming when the boy racers went past at midnight.",
    ],
    "buildings knocked down, an alarm 'shot', an old man with a stick, a worry for one of these nights": [
        "Three boarded-up houses at the end. Knock them down or let families live in them.",
        "He'll shoot the next car alarm that goes off at 4am, he says. He's a retired vicar.",
        "An old chap with a walking frame couldn't get past the cars parked on the pavement.",
        "Someone's going to set fire to those empty houses one of these nights.",
        "If I had a teenage daughter I wouldn't let her walk this way at night, but I haven't.",
        "There was trouble with a neighbour threatening people a few years back but he was evicted and it's been lovely since.",
    ],
    "pets and things that go missing, threats to move, hurt feelings, a gull's attack, a bump on the head": [
        "Our cat went missing for a week in March and came back fat as butter.",
        "My grandson's scooter went missing from the front yard, turned up at the school.",
        "Lost our youngest in the supermarket for two minutes, she was hiding in the clothes rails.",
        "My wife threatens to move us back to Leeds every time the bins get done over.",
        "My daughter was so hurt when her best friend's mam said she couldn't come to ours any more.",
        "The wee one got chased by a goose on the green and cried all the way home.",
        "Banged my head on the bus shelter roof, it needs raising, I'm six foot four.",
        "Our lad got knocked out in a kickboxing match at the leisure centre, he's fine and wants a rematch.",
        "If the police want to kill the kerb crawling dead, they should put cameras on every corner.",
        "Sat trapped in traffic for forty minutes because of the roadworks on the bank.",
        "My partner's a chef; the only knives on this street are the ones in his roll bag.",
        "My son is 19 and was offered weed outside the bookies, he told them where to go.",
        "Haven't seen the couple at number 9 for a fortnight, but they're in Tenerife till Sunday.",
    ],
    "a workplace, a tool, a letter, an exam, a parent's 'I'll kill you', a name called at school": [
        "I work the till at the nail bar on the parade, the money's rubbish but the girls are a laugh.",
        "I take an old bread knife to scrape the moss off the path every spring.",
        "We were forced to sell the van because there was never anywhere to park it.",
        "Threatening letters from the council about the hedge are the only threats I've had round here.",
        "Our eldest is attacking her A-levels with everything she's got this year.",
        "my dad will kill me if he sees me doing this in double science 😭",
        "Men in cars with child seats in the back, circling at teatime. Disgusting.",
        "The kids at school call my lad 'pimp' because of which street we live on.",
        "Got stuck in the lift at the flats for an hour, the fire brigade were brilliant.",
        "Our Jack came home from boxing club with a fat lip, proud as anything.",
        "My nephew got thumped over a game of football a while back. Sorted now, they're mates again.",
        "You hear stories about the girls getting hurt, but I've never seen anything myself.",
    ],
    "a child the writer says is all right": [
        "Our lad is 14 and out on his bike till tea time with his mates. Good kid, nothing to worry about.",
        "My daughter is sixteen and walks home from college on her own; she's sensible and I don't worry about her.",
    ],
    "parents keeping children in; a stolen phone": [
        "My dad won't let me go out on school nights, which is fair enough with the cars about.",
        "Our kids aren't allowed out the front after dark any more because of the cars.",
        "Had my phone nicked off the garden wall while I was putting the bins out.",
    ],
    "a kindness that ended well, told with the ending": [
        "A girl in a thin dress knocked at three asking for help; we let her in, rang her a taxi and she got home fine.",
        "We let one of the women warm up in our porch and the outreach team found her a bed at the hostel that night.",
        "A lad was mugged on our corner a couple of years back. He got his phone back and it was a one-off.",
    ],
    "an adult propositioned, whose age is told in words": [
        "A driver slowed down and asked me how much. I'm a fifty-eight-year-old grandmother with a shopping trolley!",
        "One of the ladies from our chapel was asked if she was available while she waited for the bus. She is eighty-one years old.",
    ],
    "the one who did it is locked up now": [
        "A man pulled a knife on my neighbour two summers ago. He got five years and he's still inside, so that's that.",
        "Someone threatened my husband outside the club, but the man is now in prison for something else entirely.",
    ],
    "an adult who says plainly she was not hurt": [
        "A car pulled up and the driver asked my wife if she was available. She is not hurt, but she is shaken.",
    ],
    "crime dramas, in the plural": [
        "My mother-in-law watches all those police programmes where someone is dragged into a van, and now she thinks "
        "our road is like that.",
    ],
    "a police officer on the beat, a shop's trade, cannabis smoke": [
        "Our bobby on the beat knows all the bairns by name.",
        "The smell of weed outside the takeaway is bad for business and the families with young children cross the road.",
        "Cannabis smoke everywhere in the stairwell, my little girl coughs all the way up.",
    ],
    "exasperation and doing well, in more words": [
        "Ah could've murdered the fella who left his van across my drive all Sunday.",
        "The gaffer'll kill me if I'm late again because some clown blocked the lane.",
        "If one more taxi beeps under my window at 3am I am literally going to die.",
        "The broken kerb by the chemist nearly killed me on my walker, it'll finish me off one day.",
        "Ringing the council is like smashing your head against a brick wall.",
        "Our lass is going to smash it in her driving test next week, if the boy racers let her practise.",
    ],
    "a knife for cooking": [
        "I use my sharp knife for cutting the lamb when the family comes, it is a very good knife.",
        "We cook dolma with my mother's old knife and the neighbours' kids knock to taste it.",
    ],
    "a past threat told in a second language, and its ending": [
        "Three years ago a man threaten me at the bus stop. Police catch him, he go to prison. Now it is ok.",
        "Back in 2015 a lad got glassed outside the Legion. They got him, he did six years. Nowt like that since.",
    ],
    "a story read, a hypothetical worry, an errand": [
        "My nephew is readin' some book about a girl trafficked to Spain and it frightened him. Here it's just litter.",
        "When my daughter is older maybe a man in a car will stop for her, I think about this.",
        "I'd hate for one of the little ones to wander down to the garages on their own one day.",
        "I'm on earlies so my sister is picking the kids up from their nan's most days.",
        "I brought her in, gave her a cup of tea, and her sister came to fetch her. She was fine.",
        "My neighbour is frightened to go to the shop after dark now, so I go for him.",
        "Our flat is two up from the chippy and the smell of weed comes through the vents.",
    ],
    "tools, plants, gulls and near misses": [
        "I carry a little fruit knife for my lunch and use knives all day for my job in the butcher's.",
        "My husband uses a knife and a razor every day for his work at the barber's, that's not the problem.",
        "We clean the yard with a pressure gun on Sundays and the neighbours moan about the noise.",
        "If the spray from the car wash keeps coming over we're going to kill the tomatoes on the balcony.",
        "The gulls go for people outside the chippy and one of them drew blood on my thumb.",
        "A taxi doing sixty down the back lane nearly got me, I almost got knocked over with my shopping.",
        "The pong from the bins in the heat is killing me, every day I die a little.",
        "Our Rose will kill me for saying it but the street's better than it was.",
        "I poke the condoms out of the drain with a stick every Monday.",
        "Our bairns wake up crying when the cars race round at two in the morning.",
        "The lasses on the corner are young enough to be my granddaughters, they need help not moving on.",
    ],
    "over and done with, in other words": [
        "Back in '97 my brother got glassed outside the Swan. They got the lad. It's long done with.",
        "Two winters ago a lass from the corner was in a bad way with a man who took her money. Now she is free, "
        "she has a flat and a job in Leeds.",
        "An old lady was lost and crying outside the shop, we rang her son and he came to collect her. She was very happy.",
        "wat if my little girl gets approached when shes older, shes only 3 now",
        "One o these days somebody's ganna get killed on that bend.",
        "This survey makes me want to slit my wrists. Metaphorically, before anyone rings me.",
    ],
    "a sale, or a house being used": [
        "You see the lad hand over a tiny packet and take money, quick as you like, by the cash machine.",
        "When we first moved in a neighbour said he'd put our windows in over a parking space. He apologised and we're "
        "friends now.",
    ],
    "from the fourteenth sets' false flags, in new words": [
        "Me mam found a lass crying in the bus shelter last winter and brought her in for a cuppa; she's grand now.",
        "Grandad says nobody is hurting anyone, he just wants the bins emptied.",
        "The baby's six weeks old and the car doors and shouting outside at 3am wake her straight back up.",
        "I sometimes wonder what would happen if a toddler wandered into the lane when the cars are there.",
        "I cut myself peeling potatoes for Sunday dinner, but that's my own fault. The lane needs sweeping.",
        "My worry is that if the empty flats aren't boarded, one of them becomes the next cuckooed flat.",
        "Eventually a kid's going to find one of those needles and then the council will act.",
        "Some kid is gonna chase a ball into the road and get hit if they don't fix the gate.",
        "We got absolutely hammered 6-1 by the team from the next estate on Saturday.",
        "The business rates are killing me, the shoplifting will finish me off.",
        "Me dad's reading one of them crime books where a woman gets strangled on a towpath.",
        "We sell kitchen knives in the hardware shop, always with an ID check.",
        "I found needles by the swings and rang the council, they took them away the same day. Thank you.",
    ],
    "from the sixteenth sets' false flags, in new words": [
        "Some idiot is shooting the crows on the allotments with an air rifle, there's dead birds everywhere.",
        "A lad kicked the stray cat by the chippy and it limped for a week. What is wrong with people.",
        "If the fire start in the empty house, all our side will burn. I am worry about this every night.",
        "When my son is bigger maybe the men in cars will bother him too. Now he is only three.",
        "Give it a year and someone'll set fire to one of them boarded-up flats, mark my words.",
        "I've been bashing my head against a brick wall with the council about the lights for a year.",
        "Twenty quid for a vape? That's daylight robbery, we're getting mugged off.",
        "My dog found a needle cap in the lane and chewed it. He's fine, but it could've been a bairn.",
        "The lady from the charity says she is in the hostel now and OK, and she sent a card.",
    ],
    "moved on by the police, or jailed since": [
        "She was being moved on by the police every night, so she started working the next street instead.",
        "Years back a woman over the road was being controlled by her fella, but he's been in jail ever since.",
    ],
    "grown-up sons and daughters": [
        "Both my daughters are away at uni now, but when they're home men in cars still slow down beside them at night.",
        "My son is in his twenties and the kerb crawlers shout at him to get out of the way. He just laughs at them.",
    ],
}


@pytest.mark.parametrize("family, text", [(f, t) for f, texts in NOT_DISCLOSURES.items() for t in texts])
def test_answers_that_are_no_present_risk_are_not_flagged(pipeline, family, text):
    assert flags(pipeline, text) == set(), family


# Disclosures the screen missed: harm to young children that is not sexual, and teenagers
# approached by men in cars.
DISCLOSURES = {
    "a young child hurt by drug litter": [
        "My four year old was pricked by a syringe hidden in the grass on the green and we're waiting on blood tests.",
        "The toddler next door trod on a needle in their yard last night and nobody took him to hospital.",
        "Our two-year-old found a syringe under the hedge by the front step this morning.",
    ],
    "drugs within a child's reach": [
        "The couple downstairs leave their crack pipe and lighters on the coffee table where their baby crawls about.",
        "Her little girl got hold of his methadone again and had to be rushed in, and they still leave it out.",
        "There's foil and needles all over the kitchen floor in the flat where the twins live, they're only three.",
    ],
    "a young child neglected or left alone": [
        "The lad over the road, he can't be more than five, is left in the house by himself every evening while his mum goes out.",
        "The kids at the end house are always hungry and knocking on doors asking for something to eat.",
        "A little girl of about six was wandering about on her own at midnight in her pyjamas, nobody came looking for her.",
    ],
    "a child hurt by an adult": [
        "The boy next door, he's seven, keeps turning up with bruises and a cut lip and says his stepdad did it.",
        "You can hear the man upstairs hitting his little ones through the floor most nights.",
    ],
    "sharps where children play": [
        "There's a used syringe stuck in the sand under the swings and the nursery kids are out there this afternoon.",
        "The playground on the estate has needles in the bark chippings again, my little ones won't go near it.",
    ],
    "an adult coming into a child's room at night": [
        "my mams boyfriend creeps into my room after she goes to sleep. im 14 and i hate it",
    ],
    "children drawn into dealing, named in residents' words": [
        "Youngsters still in school uniform are running bags for the lads in the flats, somebody is using them.",
    ],
    "a child handling drug litter, the age told apart": [
        "Our two youngest have been finding syringes behind the garages and bringing them in to show me.",
        "I fished a needle out of my grandson's paddling pool on Sunday. He's only four.",
        "The little ones at the flats were throwing a bag of white powder about on the grass this morning.",
    ],
    "grooming signs at home": [
        "My daughter is 13 and keeps coming home with new trainers and money, and there are messages from an older man on her phone.",
    ],
    "a teenager approached by men in cars": [
        "Blokes in cars keep asking if I'm working when I walk back from the bus. I'm 15.",
        "My nephew and his mate got followed home from football by a man in a grey van. They're both 12.",
        "My daughter is fifteen and on her way home from school two blokes in a van slowed down and asked if she "
        "wanted to earn some money.",
        "Lads from year 10 keep getting offered lifts and vapes by men in flash cars outside the school gates.",
        "A girl in school uniform, fourteen at most, gets picked up from the corner by a much older bloke every afternoon.",
    ],
}


@pytest.mark.parametrize("family, text", [(f, t) for f, texts in DISCLOSURES.items() for t in texts])
def test_harm_to_children_is_flagged_as_a_child_at_risk(pipeline, family, text):
    assert "child_at_risk" in flags(pipeline, text), family


@pytest.mark.parametrize("text", [
    "I've started cutting again since my dad died, I don't know who else to tell.",
    "He battered her last night and he's still inside the flat with her now, I can hear him shouting.",
    "You can hear him through the floor sayin he'll kill her if she ever tries to leave, and she never goes out now.",
])
def test_self_harm_in_plain_words_and_a_man_still_inside_with_her_flag(pipeline, text):
    assert flags(pipeline, text)


@pytest.mark.parametrize("text", [
    "He said if I go to the police again he'll kill me, and he was outside my door tonight.",
    "Years ago he broke my arm and now he's out of prison and keeps turning up at my door.",
    "Her boyfriend split her lip on Friday and she's still living with him.",
    "The woman in the flat above is still being hit by her partner, I heard it again last night.",
    "I'll kill myself if this carries on.",
    "She said she was fine but she had a black eye and he was shouting at her again.",
    # the plain present of a second language: no ending told, so still a disclosure
    "My neighbour husband hit her every night, she come to me crying, she have nowhere to go.",
    "I dont want live any more, nobody would miss me.",
    # danger now: a fire, someone missing for days, a child's injury that someone says is fine
    "There is smoke pouring out of the boarded-up house on the corner and I know lads sleep in there.",
    "My friend's been missing from the estate for three days and her phone is off.",
    "The toddler over the road cut his foot on a needle in their yard, his dad says he's fine but no one has had him seen to.",
    "He swore he'd batter her when he gets out. He means it and he gets out next week.",
    # near the new frames: a threat reported with "if", control of a phone, a child kept in by a man
    "He told me if I ever said anything to anyone he would burn the house down with me in it.",
    "If I try to leave he would find me, he's done it before and he's still sending messages.",
    "He took her phone and her passport and she can't go anywhere without him.",
    "A lad pulled a knife on my son at the bus stop and said he'd be back for him.",
    # a quota, beatings by punters, being followed right now, stockpiled tablets
    "One of the young women told me she's got to bring in 200 quid a night before he lets her stop.",
    "The woman on the corner gets battered by punters most weekends and won't go to the police.",
    "A man has been following me since the station and he's parked outside my house now watching the door.",
    "My brother has been saving up his sleeping pills and keeps saying he's done with everything.",
    "My friend texted at midnight saying sorry for everything and goodbye, and now her phone is off.",
    # missing for a week or more; a plea told quietly; screaming with a man at her; drug litter on a child
    "The lad from the hostel who sleeps by the chapel hasn't been seen for eight days and his bag's still there.",
    "One of the women whispered to me at the bus stop, 'please help me', before the driver pulled her away.",
    "A girl is screaming on the corner and a man is dragging her by the arm towards a car.",
    "Our neighbour's toddler was crawling round the yard right next to the foil and the needles again today.",
    "My nephew came in from the lane with a syringe in his coat pocket that he'd picked up to show us.",
    "Lads of eleven or twelve ride round all evening handing tiny packages through car windows.",
    "A man grabbed me between the legs outside the off licence and he's there every night.",
    "The lads at the car wash sleep in a container round the back and I've never seen them paid.",
    "My dad will kill me if he finds out I told you what he does to my mam.",
    "Some nights I sit in the car in the garage with the engine running and think about not turning it off.",
    "The little ones next door are out in the lane till gone 2am most nights and nobody is checking on them.",
    # coercive control: cut off from family, friends, money
    "My sister's new fella won't let her see any of us and she's frightened of him.",
    "He never lets her have her own bank card or a key to the house.",
    "My daughter got hurt when one of the men shoved her into the wall outside the shop.",
    "The girl next door, she's 13, isn't allowed out by her mam's boyfriend and she's got bruises on her arms.",
])
def test_a_present_risk_told_with_past_or_calm_words_still_flags(pipeline, text):
    assert flags(pipeline, text)


@pytest.mark.parametrize("text", [
    # the rule once ended in a space and could never match ("moved into his flat")
    "Some lads have basically moved into the flat of the old man below me, he's got dementia and they sell from his kitchen.",
    "Two dealers moved in on the young woman at number 9 last month and she hardly leaves her bedroom now.",
])
def test_a_home_taken_over_by_dealers_is_exploitation_by_the_rules_alone(text):
    assert "exploitation_trafficking" in screen(text).categories


# Disclosures the thirteenth fresh sets had and the screen missed, rewritten as general cases:
# dialect and dropped g's, second-language ages, and indicators the rules lacked.
@pytest.mark.parametrize(("text", "category"), [
    ("Since the shop went bust ah've been thinkin aboot endin it, I just cannae see a way out.", "self_harm"),
    ("There's a van on the top deck of the car park with a hose from the exhaust through the back window.", "self_harm"),
    ("Them lads telt us they'd put wor windees in and set aboot me man if we said owt.", "violence_threats"),
    ("Six mattresses in one room, the men sleepin in shifts, and the gaffer takin a cut off their wages.",
     "exploitation_trafficking"),
    ("The girls in that house cannae leave without asking him first, he holds the keys.", "exploitation_trafficking"),
    ("There's a kid in the river under the bridge shouting for help and I can't see anyone going in!", "immediate_danger"),
    ("My nan has dementia and went out for milk at four, she has not come back and it's getting dark.", "immediate_danger"),
    ("Lads are passing round a film of a lass being made to do stuff behind the club when she was out of it.",
     "sexual_violence"),
    ("A man in a car keeps asking my son, he's fourteen, if he wants to earn a bit taking parcels into town.",
     "child_at_risk"),
    ("Small boy, maybe twelve years, selling little bags by the bus station every evening. Police must look.",
     "child_at_risk"),
    ("There's a wee wean next door, maybe three, toddlin aboot wi a needle in its haun and his da spark oot.",
     "child_at_risk"),
    ("Needles all over the grass outside the flats and my 18 month old picks everything up.", "child_at_risk"),
    ("My sister keeps telling me she wants to die and she's been giving her things away.", "self_harm"),
    ("me and my mates get followed by men in cars on the way home, my mam says im not allowed out after tea now",
     "child_at_risk"),
])
def test_disclosures_in_dialect_second_language_and_new_indicators_are_found(text, category):
    assert category in screen(text).categories


def test_a_place_being_used_is_no_flag_of_the_rules():
    # the rules' own frame; the learned second opinion may still weigh the rest of the answer
    text = "The empty flat over the bookies with the boards pulled off is being used again, there's a mattress in there."
    assert screen(text).categories == ()
