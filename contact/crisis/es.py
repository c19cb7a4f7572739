"""Spanish crisis wording.

The same categories as English (en.py), written by us from the same screening and
warning-sign wording (wishing to be dead or not to wake up; thoughts of killing
oneself; a plan; being a burden; feeling trapped; saying goodbye; the signs of an
overdose; not being safe at home) in the ways people write Spanish in a message:
without accents (they are dropped before matching: `fold_accents`), with "q" for
"que", "x" for "por", and Latin American and Caribbean everyday words. Measured on
tests/contact/crisis_corpus_es.py.

Patterns read normalised, accent-free text. `GAP` as in en.py: one bounded
character class, never a repeated group.
"""

from .lexicon import Lexicon

GAP = r"\b[a-z0-9 ]{1,24}\b"  # up to about four words

ME = r"(?:me|m)"
WANT = r"(?:quiero|quisiera|queria|deseo|tengo ganas de|me dan ganas de|ganas de|pienso en|pensando en|he pensado en|estoy pensando en|voy a|me voy a|planeo|tengo un plan para)"
PILLS = r"(?:pastillas|pildoras|tabletas|medicinas|medicamentos|remedios|calmantes|clonazepam|xanax|alprazolam|fentanilo|heroina|oxicodona|frasco|caja|botella)"
TOOK = r"(?:me tome|me trague|se tomo|se trago|tome|tomo|trague|trago)"
AMOUNT = r"(?:todas las|todos los|un monton de|muchas|demasiadas|un frasco|una caja|la caja|el frasco|toda la|varias|[0-9][0-9]|[3-9]) (?:pastillas|pildoras|tabletas|medicinas|pastis|pastillas|de|frasco|caja)|(?:un frasco|una caja|el frasco|la caja)"
PERSON = r"(?:el|ella|mi esposo|mi marido|mi esposa|mi mujer|mi novio|mi novia|mi pareja|mi papa|mi padre|mi padrastro|mi mama|mi madre|mi hermano|mi hijo|mi ex|mi suegro|alguien)"

SUICIDE = (
    rf"{WANT} (?:morir|morirme|me muera|estar muerto|estar muerta|matarme|suicidarme|quitarme la vida|acabar con mi vida|terminar con mi vida|acabar con todo|terminar con todo|desaparecer para siempre|irme de este mundo|dejar de existir|no despertar)",
    r"(?:me quiero|me kiero|me voy a|me gustaria) (?:morir|matar|suicidar|ir de este mundo)",
    r"ojala (?:estuviera|estubiera|fuera|me muera|me muriera|no despierte|no despertara|no despertar|no haber nacido)",
    r"ojala no despierte",
    r"(?:dormir|dormirme|dormirse|acostarme) y no (?:despertar|despertarme|volver a despertar)",
    r"no tengo nada (?:por que|para que|por lo que|por lo cual) vivir",
    r"se (?:quiere|va a|queria) (?:matar|morir|suicidar|quitar la vida)",
    r"no (?:quiero|kiero|quisiera) (?:vivir|seguir viviendo|seguir|despertar|estar aqui|existir|estar vivo|estar viva|seguir aqui|amanecer)",
    r"ya no (?:quiero|kiero) (?:vivir|seguir|estar aqui|existir)",
    r"(?:no vale la pena|no tiene sentido|para que) (?:vivir|seguir viviendo|seguir)",
    r"la vida no (?:vale la pena|tiene sentido)",
    r"no tengo (?:razon|razones|motivo|motivos|por que|nada) (?:para|por) (?:vivir|seguir)",
    r"suicid[a-z]*|sucid[a-z]*|suisid[a-z]*",
    r"(?:matarme|quitarme la vida|acabar con mi vida|terminar con mi vida)",
    r"(?:ya )?no (?:puedo|aguanto|soporto) (?:mas|seguir|con esto|esta vida)",
    r"(?:estarian|estarias|estaria|estarán|estan|vivirian) mejor sin mi",
    r"(?:soy|me siento) (?:una carga|un estorbo)",
    r"nadie (?:me extranaria|me va a extranar|notaria si me muero|notaria si desaparezco)",
    r"(?:esta es mi despedida|me despido de todos|adios para siempre|adios a todos)",
    r"(?:ya no hay salida|no veo salida|no le veo salida|estoy atrapad[oa] y)",
    r"(?:me rindo con la vida|perdi las ganas de vivir|sin ganas de vivir|no tengo ganas de vivir)",
    r"(?:prefiero|preferiria) (?:estar muert[oa]|morir|morirme)",
    r"me (?:quiero|voy a) (?:colgar|ahorcar|tirar de un puente|tirar del puente|pegar un tiro|cortar las venas)",
    r"(?:unalive|kms)",
)
SELF_HARM = (
    r"(?:me corto|me corte|me estoy cortando|cortarme|me sigo cortando|volvi a cortarme|se corta|se esta cortando|se corto los brazos|se volvio a cortar)",
    r"(?:hacerme dano|me hago dano|me hice dano|lastimarme|me lastimo|me lastime|me quemo|quemarme|me golpeo|golpearme|autolesion[a-z]*|auto lesion[a-z]*)",
    r"(?:quiero|tengo ganas de|ganas de) (?:hacerme dano|lastimarme|cortarme|quemarme)",
)
OVERDOSE = (
    r"sobre ?dosis",
    rf"{TOOK} {AMOUNT}",
    rf"{TOOK} {GAP} {AMOUNT}",
    rf"(?:un monton de|demasiadas|todas mis|todas las) {PILLS}",
    r"(?:no respira|no esta respirando|no puede respirar|casi no respira|respira raro)",
    r"(?:no despierta|no se despierta|no reacciona|no responde|no lo puedo despertar|no la puedo despertar|no puedo despertarlo|no puedo despertarla)",
    r"(?:labios|unas) (?:morados|azules|moradas)",
    r"(?:convulsion[a-z]*|esta convulsionando|le dio un ataque)",
    r"(?:esta inconsciente|quedo inconsciente|se desmayo)",
    r"(?:mezcle|mezclo|mezclando) (?:pastillas|alcohol|fentanilo|heroina)",
    r"(?:narcan|naloxona)",
)
DANGER = (
    rf"{PERSON} (?:me quiere matar|me va a matar|amenazo con matarme|dijo que me mataria|dice que me va a matar|me amenaza|nos amenaza|me pega|me golpea|me golpeo|me pego|nos pega|me ahorco|me estrangulo|tiene un arma|tiene una pistola|tiene un cuchillo)",
    rf"{PERSON} {GAP} (?:me quiere matar|me va a matar|amenazo con matarme|dijo que me mataria|dice que me va a matar|me amenaza|nos amenaza|me pega|me golpea|me golpeo|me pego|nos pega|me ahorco|me estrangulo|tiene un arma|tiene una pistola|tiene un cuchillo)",
    r"(?:me quiere matar|me va a matar|amenazo con matarme|me amenazo con|me pega|me golpea|me golpeo|me pego|me ahorco|me estrangulo)",
    r"(?:tiene un arma|tiene una pistola|tiene un cuchillo|con un arma|con una pistola)",
    r"(?:violencia domestica|violencia intrafamiliar|abuso en casa|me maltrata|nos maltrata)",
    r"(?:miedo de mi (?:esposo|marido|pareja|novio|papa|padre)|temo por mi vida|tengo miedo por mi vida)",
    r"(?:no estoy a salvo en casa|no estamos a salvo)",
    r"(?:voy a matar|quiero matar) a",
)
UNSAFE = (
    r"no (?:me siento|estoy) (?:a salvo|segur[oa])",
    r"no puedo (?:cuidarme|mantenerme a salvo|estar a salvo)",
    r"(?:miedo de lo que (?:pueda|podria) hacer|no confio en mi mism[oa])",
    r"(?:necesito ayuda (?:ya|ahora|urgente)|es una emergencia|ayudenme por favor|ayuda urgente)",
)

SPANISH = Lexicon(
    language="es",
    categories={
        "suicide": SUICIDE,
        "self_harm": SELF_HARM,
        "overdose": OVERDOSE,
        "danger": DANGER,
        "unsafe": UNSAFE,
    },
    replacements={
        "q": "que",
        "k": "que",
        "ke": "que",
        "xq": "porque",
        "pq": "porque",
        "x": "por",
        "kiero": "quiero",
        "qiero": "quiero",
        "toy": "estoy",
        "tamos": "estamos",
        "ya": "ya",
        "mas": "mas",
        "tb": "tambien",
        "nadien": "nadie",
        "morirme": "morirme",
        "suisidarme": "suicidarme",
        "suicidarme": "suicidarme",
        "matarme": "matarme",
        "aguanto": "aguanto",
        "aki": "aqui",
        "aca": "aqui",
        "porfa": "por favor",
        "xfa": "por favor",
        "pastis": "pastillas",
        "pasti": "pastillas",
        "fenta": "fentanilo",
    },
    fold_accents=True,
)
