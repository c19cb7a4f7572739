"""English crisis wording.

Written from published screening and warning-sign wording, in our own words: the
questions of the Columbia Suicide Severity Rating Scale screener (wishing to be dead
or not to wake up; thoughts of killing oneself; thinking about how; intending to act;
having worked out a plan; having prepared or started), the warning signs 988 and
SAMHSA list (talking about wanting to die, being a burden, feeling trapped or
hopeless, unbearable pain, looking for a way to die, saying goodbye, giving things
away), the signs of an opioid or alcohol overdose (not breathing, cannot be woken,
blue lips, gurgling, seizure) and the words people use when they are not safe at
home. Then everyday and text-speak phrasings of each (tests/contact/crisis_corpus.py).

Patterns read normalised text: lower case, single spaces, no apostrophes ("dont",
"cant", "im" as "i am"). `GAP` allows a few words between two parts; it is one
bounded character class, never a repeated group (see contact/crisis/__init__.py).
"""

from .lexicon import Lexicon

GAP = r"\b[a-z0-9 ]{1,24}\b"  # up to about four words
LONG_GAP = r"\b[a-z0-9 ]{1,40}\b"  # up to about seven words

SELF = r"(?:my ?self|me ?self|him ?self|her ?self|them ?selves|them ?self|your ?self)"
CANT = r"(?:cant|can not|unable to|not able to|couldnt|dont think i can|not sure i can)"
NOT = r"(?:dont|do not|doesnt|didnt|no longer|never|not|wont|will not|cant)"
# "a bunch of pills": an amount nobody takes as prescribed.
AMOUNT = (
    r"(?:too many|too much|way too many|way too much|a bunch|bunch|a lot|lots|loads"
    r"|a ton|tons|a handful|handful|handfuls|all my|all of my|all the|all of the"
    r"|all his|all her|all their|all of his|all of her|the whole|a whole|whole|entire"
    r"|the rest of|a bottle|bottle|a box|box|extra|double|triple|[3-9]|\d\d+"
    r"|three|four|five|six|seven|eight|nine|ten|dozen|twenty|thirty|forty|fifty"
    r"|hundred|several|every)"
)
DRUG = (
    r"(?:pills?|tablets?|capsules?|caps|bars|meds|medicine|medicines|medication"
    r"|medications|xans?|xanax|benzos?|klonopin|valium|ativan|tylenol|paracetamol"
    r"|acetaminophen|advil|ibuprofen|aspirin|sleeping pills|sleeping tablets"
    r"|painkillers|pain pills|pain killers|oxy|oxys|oxycodone|oxycontin|percs?"
    r"|percocet|vicodin|hydrocodone|opioids|opiates|fentanyl|fent|heroin|dope"
    r"|methadone|suboxone|insulin|antidepressants|ambien|seroquel|adderall"
    r"|gabapentin|lithium|trazodone|lean|codeine|morphine|tramadol|sleeping aids?"
    r"|bottle|bottles|prescription|script|dose|doses|supply|stash|pack|packet)"
)
TAKE = (
    r"(?:took|taken|take|taking|swallowed|swallowing|swallow|ate|eaten|eat|popped"
    r"|popping|pop|downed|drank|drink|drinking|chugged|snorted|snorting|injected"
    r"|shot up|used|using|mixed|mixing|overdid)"
)
PERSON = (
    r"(?:he|she|they|him|her|husband|wife|boyfriend|girlfriend|partner|ex|dad"
    r"|father|stepdad|stepfather|mom|mother|stepmom|brother|sister|son|daughter"
    r"|roommate|someone|somebody|uncle|aunt|cousin|family|parents|grandpa|neighbor"
    r"|landlord|fiance|spouse|man|guy)"
)
NOT_LESS = r"(?! (?:back|down|costs|out|ties|off|corners|class|school|work))"
VICTIM = (
    r"(?:me|us|my kids|the kids|my children|the children|my son|my daughter|my baby"
    r"|the baby|my mom|my mother|my sister|my brother|our kids|everyone|my family)"
)

SUICIDE = (
    # Naming it, in any spelling or slang ("sewerslide", "unalive", "kms", "ctb").
    r"suicid\w*|unaliv\w*|self delete|ctb|catch the bus",
    rf"(?:kill|killing|killed|kil|end|ending|off|offing|hang|hanging|hanged|drown"
    rf"|drowning|shoot|shooting|shot|poison|poisoning|suffocate|gas|starve|starving)"
    rf" {SELF}",
    # Wishing to be dead or not to wake up (C-SSRS 1).
    rf"(?:want|wants|wanted|wanting|wish|wishes|wished|wishing|ready|going|plan|plans"
    rf"|planning|trying|tried|hopes|prays|rather|prefer|hope|hoping|pray|praying|would like|like|deserve|need)"
    rf"{LONG_GAP}(?:die|be dead|dead|not exist|stop existing|not be here|not be alive"
    rf"|dying|not wake up|dont wake up|never wake up|not to wake up|sleep forever"
    rf"|disappear|be gone|not be around|never born|never been born|never existed"
    rf"|not here anymore|go to sleep and never)",
    rf"{NOT} (?:really |even )?(?:want|wanna|wish|feel like|care|see the point)"
    rf"{GAP}(?:live|living|be alive|being alive|be here|being here|exist|existing"
    rf"|wake up|waking up|be around|go on|going on|keep going|keep living|continue"
    rf"|carry on|do life|do this|be on this earth|stay alive|staying alive|survive)",
    r"(?:tired|sick|done|exhausted) (?:of|with) (?:living|life|being alive|existing"
    r"|it all|everything|fighting|trying|being here|this life|my life)",
    rf"no (?:point|reason|purpose|use|will|want|desire){GAP}(?:living|live|alive"
    r"|going on|go on|life|anymore|any more|trying|carrying on|being here|existing"
    r"|keep going|to be here|to continue)",
    rf"what is the point{GAP}(?:living|life|anything|going on|anymore|any more"
    r"|trying|of me|it all|being here|existing)",
    rf"{CANT} (?:go on|keep going|carry on|keep living|live like this|live with this"
    r"|take it|take this|take any more|take anymore|take much more|take it anymore"
    r"|cope|bear it|bear this|bear the|handle it|handle this|handle life|do this"
    r"|do it anymore|do life|face tomorrow|face another day|keep fighting|keep doing this"
    r"|survive|last much longer|hold on)",
    rf"better off (?:dead|gone|without me|if i{GAP}(?:dead|gone|died|here|around|born))",
    rf"(?:everyone|everybody|they|family|world|people|kids|he|she) (?:would|will) be"
    rf" (?:better|happier|fine|ok|okay|relieved){GAP}(?:without me|if i)",
    r"(?:want|need|wish|make) (?:it all|it|everything|the pain|this|the thoughts) to stop"
    r"|make (?:it|everything) (?:all )?stop|stop (?:it|everything) permanently|permanently",
    rf"(?:told|tell|telling|texted|texting|said|saying|say){GAP}goodbye",
    rf"{DRUG}{GAP}ready|(?:gun|rope|noose|note|plan|everything){GAP}ready",
    r"(?:dont|cant|do not|can not|no longer|couldnt) see (?:a|any|the|my) (?:future|way out"
    r"|way forward|point|end|light)|no (?:future|way out|way forward)|(?:my )?life is over"
    r"|it is over for me|nothing matters anymore",
    r"check(?:ing)? out (?:for good|early|permanently)|goodbye (?:everyone|everybody|world"
    r"|all|forever|cruel world)|bye (?:everyone|forever|world)",
    r"make it through (?:the night|tonight)|(?:wont|not going to|dont think i will|not"
    r" sure i will|might not|may not) (?:make it|last|survive)",
    r"attempted|attempt on my life|(?:suicide|past|previous|last|another) attempts?",
    r"feel like dying|felt like dying|(?:thought|thinking|think|thinks) about how",
    r"better (?:without me|if i (?:was|were|wasnt|werent) (?:gone|dead|here|around))",
    r"(?:am|im|being|feel like|such|just|only) (?:a |such a |nothing but a )?burden",
    r"(?:this is|saying|say|said|to say) (?:my )?(?:last |final )?(?:goodbye|good bye"
    r"|goodbyes|bye to everyone|farewell)",
    r"(?:final|last) (?:goodbye|message|note|letter|words|text|post)",
    r"(?:suicide|goodbye|farewell) (?:note|letter|message)",
    rf"{NOT} (?:going to |gonna )?be (?:around|here|alive) (?:much longer|for long|long"
    r"|tomorrow|anymore|any more|next|by|after)",
    r"(?:thoughts|thought|thinking|think|thinks|ideas|ideation|fantasi[sz]e|dream)"
    r" (?:of|about) (?:death|dying|ending|not being|not waking|killing|taking my"
    r"|taking his|taking her|jumping|hanging|not existing|being dead|my death"
    r"|my funeral)",
    r"(?:life|living)(?: really| just)? (?:is not|isnt|aint|not|no longer) worth",
    r"not worth (?:living|being alive|it anymore|it any more|saving)",
    r"nothing (?:left )?to live for|no one(?: would| will| is going to)?(?: even| really)?"
    r" (?:miss|notice|care if)",
    r"(?:feel|feeling|felt|so|completely|totally|utterly|am|im|being) hopeless"
    r"|no hope (?:left|anymore|any more)|lost all hope|(?:give|gave|given|giving) up"
    r" on (?:life|living|everything|myself|my life)",
    r"(?:feel|feeling|felt|am|so) (?:so |completely |totally )?trapped"
    r"|unbearable|(?:pain|hurt|it) is too much",
    r"end of my (?:rope|tether)|(?:take|taking|took) (?:my|his|her|their) (?:own )?life",
    r"end(?:ing|ed|s)? (?:it all|it|my life|my own life|things|everything|this life"
    r"|my suffering|the pain|my pain)",
    # Thinking about how, having a plan, preparing (C-SSRS 3 to 6).
    rf"(?:have|got|made|make|making|came up with|worked out|figured out) (?:a |the |my )"
    rf"?plan{GAP}(?:die|end|kill|do it|jump|overdose|hang|shoot|take|myself)",
    r"(?:plan|plans|planning|decided|going|gonna|intend|intending) (?:to|on)"
    r" (?:die|dying|kill|killing|do it|doing it|jump|overdose|hang|shoot)",
    r"(?:know|knows|figured out|decided|worked out|thought about|thinking about|think about)"
    r" (?:how|when|where) (?:i would|i will"
    r"|i am going to|i would do|to do it|to end|to die|to kill|i could)",
    r"(?:set|picked|chose|chosen) (?:a |the )?(?:date|day|time)",
    r"(?:do|doing|done) it (?:tonight|today|now|this weekend|soon|tomorrow)",
    r"(?:bought|buy|buying|got|get|getting|have|has|loaded|load|loading|holding|own)"
    r" (?:a |my |his |her |the |some )?(?:gun|pistol|rifle|shotgun|firearm|rope"
    r"|noose|bullets|ammo)",
    r"noose|(?:slit|slice|slash|cut|cutting|slitting) (?:my|his|her) (?:wrists?|throat)",
    r"(?:jump|jumping|jumped|throw myself) (?:off|from|in front|out of)"
    r"|in front of (?:a|the) (?:train|bus|truck|car|traffic)",
    r"(?:drive|driving|drove|crash|crashing|steer|steering) (?:my car |the car )?(?:into|off)"
    r" (?:a|the) (?:wall|tree|bridge|cliff|river|lake|truck|traffic|ocean|road|highway|oncoming)|crash (?:my|the) car on purpose",
    rf"(?:saving|saved|stockpiling|stockpiled|collecting|collected|hoarding|hoarded"
    rf"|stashing|stashed|kept|keeping) (?:up )?{GAP}{DRUG}",
    r"(?:giving|gave|give|given) away (?:my|all my|all of my) (?:stuff|things|belongings"
    r"|possessions|dog|cat|pets|clothes|money)",
    r"(?:wrote|writing|write|written|made|making|updated|updating|finished)"
    r" (?:a |my )?(?:will|note to my|letters to)",
    r"(?:lethal|fatal|deadly|killing|overdose) (?:dose|amount)|painless (?:way|death"
    r"|ways)|how to (?:die|kill|end it|end my life|overdose|hang|not wake up)"
    r"|ways to (?:die|kill|end)",
    rf"how (?:many|much){GAP}(?:kill|die|overdose|enough|to take to)",
    rf"(?:overdos\w*|crash\w*|hurt\w*|drown\w*) on purpose|{SELF} or worse",
)

SELF_HARM = (
    rf"(?:hurt|hurts|hurting|harm|harms|harming|harmed|injure|injures|injuring|injured"
    rf"|cut|cuts|cutting|burn|burns|burning|burned|burnt|hit|hits|hitting|punish|punishing|scratch|scratching"
    rf"|bang|banging|mutilate|mutilating|bleed|bleeding) {SELF}",
    r"self (?:harm|harming|harmed|injury|injuries|injure|injuring|mutilat\w*|hate"
    r"|destruct\w*)|selfharm\w*",
    r"(?:relapsed on|relapse on|relapsing on|urges to|urge to|doing|did|started|been"
    r"|clean from) sh",
    # "cutting back", "cut down" and "cut costs" are about drinking less.
    rf"(?:been|started|start|keep|kept|am|im|is|was|caught (?:him|her|them)) cutting{NOT_LESS}"
    rf"|cutting (?:again|my|his|her|their)|cuts on (?:my|his|her)|with (?:a )?(?:razor"
    rf"|blade)|(?:razor|razors|blade|blades) to",
    r"(?:burning|cutting|scratching|hitting|carving|slicing) (?:my|his|her) (?:arms|legs"
    r"|wrists|skin|thighs|stomach|body)",
    r"until (?:i|it|they) bleeds?|(?:scratch|scratching|pick|picking|bite|biting)"
    r" (?:at )?my (?:skin|arms|legs|wrists)",
    rf"(?:do|did|doing) (?:it|that|this) (?:again )?to {SELF}",
    rf"banging my head|(?:want|wanted|need|urge|urges) to (?:feel pain|bleed|hurt|cut{NOT_LESS})",
)

OVERDOSE = (
    r"over ?dos\w*|overdid|overdoing it|(?:alcohol|drug|carbon monoxide) poisoning|poison\w*",
    rf"{TAKE}{GAP}{AMOUNT}{GAP}{DRUG}",
    rf"{TAKE} {AMOUNT}{GAP}{DRUG}",
    r"(?:took|taken|had|did|done|used|drank|swallowed|shot|snorted) (?:way |far |a bit )?too"
    r" (?:much|many)",
    rf"{AMOUNT} (?:of )?{DRUG}",
    rf"(?:too many|too much|way too many|way too much|the whole|a whole|an entire"
    rf"|entire|handful of|handfuls of|double dose|triple dose){GAP}{DRUG}",
    rf"{DRUG} (?:and|with|on top of|plus|after) (?:a lot of |lots of |a bottle of |half a"
    rf" bottle of |a fifth of |a few |some )?(?:alcohol|booze|vodka|whiskey|whisky|wine"
    rf"|beer|liquor|drinks|drinking|tequila|rum|gin|fentanyl|heroin|benzos|xanax)",
    r"(?:not|isnt|wasnt|stopped|barely|hardly|cant|trouble|struggling|not really"
    r"|no longer|weird|strange|slow|shallow) breathing|cant breathe|(?:stopped|stops) breath",
    r"(?:wont|will not|cant|couldnt|doesnt|isnt|not|didnt|hard to) (?:wake|waking"
    r"|be woken|respond|responding|come to)|unresponsive|not responding",
    r"(?:lips|face|skin|fingers|nails|he|she|he is|she is|they|turning|turned|going|is"
    r"|are|was|were|went"
    r"|look|looks|looked) (?:are |is |were |was |look |looking |going |turning |really )"
    r"?(?:blue|gray|grey|purple)",
    r"pinpoint pupils|gurgling|foaming at the mouth|choking on (?:his|her|their|my)?"
    r" ?vomit|(?:having|had|has|have) (?:a )?seizures?|seizing|convulsing|narcan"
    r"|naloxone|passed out and (?:wont|cant|will not|not|isnt)|chest pains?"
    r"|heart attack|(?:cant|can not) feel my (?:legs|arms|face|body)",
    r"(?:drank|drink|drinking|swallowed|swallow|ate|eat|eaten) (?:some |a )?(?:bleach"
    r"|antifreeze|poison|drain cleaner|cleaning|lighter fluid|gasoline|rubbing alcohol"
    r"|hand sanitizer|batteries|rat poison)",
)

DANGER = (
    rf"{PERSON}{GAP}(?:kill|hurt|beat|shoot|stab|choke|strangle|hit|burn|rape|attack"
    rf"|harm|murder|smother) {VICTIM}",
    rf"(?:hit|hits|hitting|beat|beats|beating|beaten|hurt|hurts|hurting|choked|chokes"
    rf"|choking|strangled|strangles|strangling|pushed|shoved|slapped|slaps|punched"
    rf"|punches|kicked|kicks|raped|rapes|assaulted|attacked|attacks|abused|abuses"
    rf"|abusing|threw|throws|threatened|threatens|threatening|stalking|stalked"
    rf"|terrorizing|smothered|bit|molested|molesting|trafficked|trafficking|grabbed"
    rf"|dragged|touches|touched|touching) {VICTIM}(?! up\b)",
    rf"{PERSON}{GAP}(?:has|have|got|pulled|waving|pointed|pointing|holding|grabbed"
    rf"|keeps|owns|carries|bought) (?:a |his |her |their |the )?(?:gun|knife|weapon"
    rf"|pistol|rifle|shotgun|machete)",
    r"(?:domestic|family|sexual|physical|partner) (?:violence|abuse)|abusive"
    r"|violen(?:t|ce)|sexually (?:abused|assaulted)|trafficked|trafficking",
    r"(?:afraid|scared|terrified|frightened|fear|fearing|fearful) (?:of|for) (?:him"
    r"|her|them|my life|my safety|our safety|our lives|my kids safety|what (?:he|she"
    r"|they)|my (?:husband|wife|partner|boyfriend|girlfriend|ex|dad|father|stepdad"
    r"|mom|mother|son|daughter|brother))|fear for my",
    r"(?:going to|gonna|will|wants to|want to|threatened to|threatening to|threatens to"
    r"|try to|tried to|trying to|said he would|said she would|swore) (?:kill|hurt"
    r"|beat|shoot|stab|murder) (?:me|us|my|the kids|everyone)",
    r"(?:not|isnt|arent|dont feel|do not feel|never feel|never) safe (?:at home|in my home"
    r"|in my house|in the house|here with|around (?:him|her|them)|with (?:him|her|them|my))"
    r"|unsafe (?:at home|in my home|with)",
    r"in danger|(?:he is|she is|they are|hes|shes|is|gets|getting|become|becomes|became)"
    r" (?:really |so |very |extremely )?dangerous",
    rf"(?:throwing|threw|throws|throw){GAP}at {VICTIM}"
    r"|(?:wont|doesnt|will not|does not|didnt) let (?:me|us) (?:leave|go|out|call|see)"
    r"|(?:scared|afraid|terrified|frightened) to (?:go|be|come) (?:home|back home|alone)",
    r"(?:being|been|was|am|get|getting|gets) (?:abused|hit|beaten|beat up|hurt"
    r"|threatened|raped|assaulted|strangled|choked)",
    r"(?:restraining|protective|protection) order|hiding from (?:him|her|them|my)"
    r"|(?:call|called|calling) (?:the )?(?:police|cops|911)|locked (?:me|us) in",
)

UNSAFE = (
    rf"{CANT} (?:keep|stay|be|feel|remain|keep myself) (?:myself |my self |me |him |her )?safe",
    r"(?:not|dont|do not|never|no longer|isnt|arent|am not|wasnt)(?: feel| feeling)?"
    r" safe|unsafe",
    rf"(?:cant|cannot|dont|do not|no longer) trust {SELF}",
    r"(?:scared|afraid|terrified|worried|frightened) (?:of )?(?:what )?(?:i|i will|i"
    r" am going to|i might|i could|he|she|he will|she will|he might|she might)"
    r" (?:do|might do|will do|could do|am capable)",
    r"do something (?:stupid|dumb|drastic|bad|terrible|i regret|i will regret"
    r"|permanent|crazy|irreversible)",
    rf"(?:lose|losing|lost) control of {SELF}",
    rf"(?:need|needs|needed) (?:help|someone|somebody|to talk|to speak|you){GAP}(?:right"
    r" now|now|immediately|asap|urgently|tonight|right away)",
    r"(?:am|i am|feel|feeling) not (?:ok|okay|alright|all right|fine)(?! with)"
    r"|(?:having|had|have|in) a (?:mental |nervous |total |complete |mental health )"
    r"?(?:breakdown|crisis)|in crisis",
    r"^(?:please )?help(?: me)?(?: please)?$|emergency|please help me|help me please|(?:some|any)(?:one|body) (?:please )?help"
    r"|\bsos|(?:hearing|hear) voices|voices (?:telling|tell|told) me",
)

REPLACEMENTS = {
    # Slang and text-speak
    "kms": "kill myself",
    "kys": "kill yourself",
    "sewerslide": "suicide",
    "od": "overdose",
    "od'd": "overdosed",
    "od'ed": "overdosed",
    "oded": "overdosed",
    "oding": "overdosing",
    "od'ing": "overdosing",
    "ods": "overdoses",
    "idk": "i dont know",
    "idc": "i dont care",
    "rn": "right now",
    "u": "you",
    "ur": "your",
    "r": "are",
    "wanna": "want to",
    "wana": "want to",
    "wnna": "want to",
    "wnt": "want",
    "gonna": "going to",
    "gona": "going to",
    "gunna": "going to",
    "finna": "going to",
    "tryna": "trying to",
    "gotta": "got to",
    "cannot": "cant",
    "cnt": "cant",
    "dnt": "dont",
    "im": "i am",
    "ive": "i have",
    "id": "i would",
    "ill": "i will",
    "hes": "he is",
    "shes": "she is",
    "theyre": "they are",
    "thats": "that is",
    "whats": "what is",
    "its": "it is",
    "tonite": "tonight",
    "2nite": "tonight",
    "2night": "tonight",
    "2day": "today",
    "ppl": "people",
    "noone": "no one",
    "no1": "no one",
    "nobody": "no one",
    "nothin": "nothing",
    "bc": "because",
    "cuz": "because",
    "coz": "because",
    "pls": "please",
    "plz": "please",
    "hlp": "help",
    "gf": "girlfriend",
    "bf": "boyfriend",
    "hubby": "husband",
    "mum": "mom",
    "lyf": "life",
    "ded": "dead",
    "w": "with",
    "nomore": "no more",
    "livin": "living",
    "tryin": "trying",
    "goin": "going",
    "thinkin": "thinking",
    "killin": "killing",
    "dyin": "dying",
    "cuttin": "cutting",
    "hurtin": "hurting",
    "xannies": "xans",
    "fent": "fentanyl",
    # Common misspellings
    "sucide": "suicide",
    "suicde": "suicide",
    "suiside": "suicide",
    "suicie": "suicide",
    "suside": "suicide",
    "sucicide": "suicide",
    "suacide": "suicide",
    "sucidal": "suicidal",
    "suicidel": "suicidal",
    "suicidial": "suicidal",
    "suisidal": "suicidal",
    "sucicidal": "suicidal",
    "suacidal": "suicidal",
    "myslef": "myself",
    "mysef": "myself",
    "myslf": "myself",
    "mself": "myself",
    "myselfe": "myself",
    "kil": "kill",
    "kiling": "killing",
    "overdoze": "overdose",
    "ovedose": "overdose",
    "overdos": "overdose",
    "overdossed": "overdosed",
    "overdosd": "overdosed",
    "pils": "pills",
    "pillz": "pills",
    "tabs": "tablets",
    "nalaxone": "naloxone",
    "narcon": "narcan",
    "breath": "breathe",
    "breating": "breathing",
    "brething": "breathing",
    "anymor": "anymore",
    "saftey": "safety",
    "saf": "safe",
}

ENGLISH = Lexicon(
    language="en",
    categories={
        "suicide": SUICIDE,
        "self_harm": SELF_HARM,
        "overdose": OVERDOSE,
        "danger": DANGER,
        "unsafe": UNSAFE,
    },
    replacements=REPLACEMENTS,
)
