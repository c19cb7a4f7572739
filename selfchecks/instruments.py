"""The published screening questionnaires, declared once: their questions, how each
answer scores, the bands of the total, and which answers put 988/911 first.

The questions and band readings are our own plain wording of each instrument's items
and published scoring (cited on the page and in `citation`); the points, totals and
band limits are the instruments' own. Every word a visitor reads is translated (gettext,
resolved when the page is drawn, in its language); the citations stay in English, as
the instruments were published. The page, the no-JavaScript result and the
browser's scoring all read this module; nothing else decides a score.
"""

from dataclasses import dataclass

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

FREQUENCY = (  # AUDIT items 4-8: "how often in the past year"
    _("Never"),
    _("Less than once a month"),
    _("Once a month"),
    _("Once a week"),
    _("Every day or almost every day"),
)
HARM = (_("No"), _("Yes, but not in the past year"), _("Yes, in the past year"))


@dataclass(frozen=True)
class Answer:
    label: str
    points: int
    urgent: bool = False  # on its own, this answer puts 988/911 first


@dataclass(frozen=True)
class Question:
    number: int
    text: str
    answers: tuple[Answer, ...]

    @property
    def name(self) -> str:
        """The form field's name: q1, q2… (the answer posted is its index)."""
        return f"q{self.number}"


@dataclass(frozen=True)
class Band:
    low: int
    high: int
    title: str
    reading: str
    next_steps: str
    urgent: bool = False  # the whole band puts 988/911 first


@dataclass(frozen=True)
class Instrument:
    slug: str
    name: str
    short_name: str
    about: str  # what it asks, in one or two sentences, shown above the questions
    questions: tuple[Question, ...]
    bands: tuple[Band, ...]
    citation: tuple[str, ...]
    note: str = ""  # e.g. a cut-off that differs for women and men
    original: str = ""  # who published it, in English (shown beside a translation)

    @property
    def max_score(self) -> int:
        return sum(max(a.points for a in q.answers) for q in self.questions)

    def band_for(self, score: int) -> Band:
        return next(band for band in self.bands if band.low <= score <= band.high)


def scaled(labels, points, urgent_from=None) -> tuple[Answer, ...]:
    return tuple(
        Answer(label, value, urgent_from is not None and value >= urgent_from)
        for label, value in zip(labels, points, strict=True)
    )


def frequency(urgent_from=None) -> tuple[Answer, ...]:
    return scaled(FREQUENCY, range(5), urgent_from)


YES_NO = (Answer(_("Yes"), 1), Answer(_("No"), 0))
AUDIT_CITATION = (
    "Babor TF, Higgins-Biddle JC, Saunders JB, Monteiro MG. AUDIT: The Alcohol Use "
    "Disorders Identification Test. Guidelines for Use in Primary Care, second "
    "edition. World Health Organization, 2001 (WHO/MSD/MSB/01.6a).",
)
AUDIT_QUESTIONS = (
    Question(
        1,
        _("How often do you have a drink that contains alcohol?"),
        scaled(
            (
                _("Never"),
                _("Once a month or less"),
                _("Two to four times a month"),
                _("Two or three times a week"),
                _("Four or more times a week"),
            ),
            range(5),
        ),
    ),
    Question(
        2,
        _("On a day when you drink, how many drinks do you usually have?"),
        scaled(
            (_("1 or 2"), _("3 or 4"), _("5 or 6"), _("7, 8 or 9"), _("10 or more")),
            range(5),
        ),
    ),
    Question(
        3,
        _("How often do you have six or more drinks on one occasion?"),
        frequency(),
    ),
    Question(
        4,
        _(
            "In the past year, how often did you find you could not stop drinking once "
            "you had started?"
        ),
        frequency(),
    ),
    Question(
        5,
        _(
            "In the past year, how often did drinking keep you from doing what people "
            "normally expected of you?"
        ),
        frequency(),
    ),
    Question(
        6,
        _(
            "In the past year, how often did you need a drink first thing in the morning "
            "to get yourself going after a heavy session?"
        ),
        # Weekly or more: a sign the body depends on alcohol, where stopping
        # suddenly can bring dangerous withdrawal.
        frequency(urgent_from=3),
    ),
    Question(
        7,
        _(
            "In the past year, how often did you feel guilty or full of regret after "
            "drinking?"
        ),
        frequency(),
    ),
    Question(
        8,
        _(
            "In the past year, how often could you not remember what happened the night "
            "before because you had been drinking?"
        ),
        frequency(),
    ),
    Question(
        9,
        _("Have you, or has someone else, been hurt because of your drinking?"),
        # Someone hurt in the past year: safety comes before any score.
        scaled(HARM, (0, 2, 4), urgent_from=4),
    ),
    Question(
        10,
        _(
            "Has a relative, a friend, a doctor or another health worker been worried "
            "about your drinking or suggested you cut down?"
        ),
        scaled(HARM, (0, 2, 4)),
    ),
)
DRINK_NOTE = _(
    "One drink means a 12-ounce can of beer, a 5-ounce glass of wine or a 1.5-ounce "
    "shot of spirits."
)

AUDIT = Instrument(
    slug="audit",
    name=_("Alcohol Use Disorders Identification Test (AUDIT)"),
    short_name="AUDIT",
    about=format_lazy(
        "{} {}",
        _(
            "Ten questions about your drinking, from the World Health Organization's "
            "screening test. It takes about three minutes."
        ),
        DRINK_NOTE,
    ),
    questions=AUDIT_QUESTIONS,
    bands=(
        Band(
            0,
            7,
            _("Lower risk"),
            _(
                "Your answers suggest your drinking carries a lower risk of harm right "
                "now. No amount of alcohol is entirely risk-free, and that can change."
            ),
            _(
                "If your drinking changes, or someone you trust worries about it, take "
                "this check again. You are welcome to ask us anything."
            ),
        ),
        Band(
            8,
            15,
            _("Risky drinking"),
            _(
                "Your answers suggest drinking at a level that raises the risk of harm to "
                "your health and to the rest of your life, even if nothing has gone "
                "wrong yet."
            ),
            _(
                "Cutting down now makes a real difference. Many people find it easier "
                "with a plan and someone to talk it through with: a doctor, or our team."
            ),
        ),
        Band(
            16,
            19,
            _("Harmful drinking is likely"),
            _(
                "Your answers suggest drinking is already causing harm to your health or "
                "your daily life."
            ),
            _(
                "Talking with a professional is a good next step: the WHO guide suggests "
                "counselling and regular follow-up at this level. We can help you find "
                "the right kind of support."
            ),
        ),
        Band(
            20,
            40,
            _("Possible alcohol dependence"),
            _(
                "Your answers suggest your body and your life may now depend on alcohol. "
                "This is a health condition, and it is treatable."
            ),
            _(
                "The WHO guide recommends a full assessment with a specialist. If you "
                "drink heavily every day, please do not stop suddenly on your own: "
                "withdrawal can be dangerous. Talk to a doctor or to us first."
            ),
            urgent=True,
        ),
    ),
    citation=AUDIT_CITATION,
    original=_(
        "The AUDIT was published in English by the World Health Organization (WHO)."
    ),
)

AUDIT_C = Instrument(
    slug="audit-c",
    name=_("AUDIT-C (the AUDIT's three drinking questions)"),
    short_name="AUDIT-C",
    about=format_lazy(
        "{} {}",
        _(
            "The first three questions of the World Health Organization's AUDIT, used "
            "on their own as a quick check. It takes under a minute."
        ),
        DRINK_NOTE,
    ),
    questions=AUDIT_QUESTIONS[:3],
    bands=(
        Band(
            0,
            2,
            _("Below the screening line"),
            _(
                "Your answers are below the line the AUDIT-C uses to suggest a closer "
                "look at drinking."
            ),
            _(
                "If your drinking changes, take this check again. The full ten-question "
                "AUDIT gives a fuller picture."
            ),
        ),
        Band(
            3,
            3,
            _("At the screening line for women"),
            _(
                "A score of 3 is where the AUDIT-C suggests a closer look for women; for "
                "men the line is 4. Either way, it is worth a second look."
            ),
            _(
                "Take the full ten-question AUDIT for a clearer picture, or talk it "
                "through with a doctor or our team."
            ),
        ),
        Band(
            4,
            7,
            _("Over the screening line"),
            _(
                "Your answers are over the line where the AUDIT-C suggests drinking may "
                "be risky for your health."
            ),
            _(
                "Take the full ten-question AUDIT for a clearer picture, and consider "
                "talking with a doctor or our team about cutting down."
            ),
        ),
        Band(
            8,
            12,
            _("Well over the screening line"),
            _(
                "Scores this high are linked in studies with a greater chance of an "
                "alcohol use disorder."
            ),
            _(
                "A full assessment with a professional is a good next step. If you drink "
                "heavily every day, please do not stop suddenly on your own: withdrawal "
                "can be dangerous."
            ),
            urgent=True,
        ),
    ),
    note=(
        _(
            "The published cut-off is a score of 4 or more for men and 3 or more for women."
        )
    ),
    citation=(
        "Bush K, Kivlahan DR, McDonell MB, Fihn SD, Bradley KA. The AUDIT alcohol "
        "consumption questions (AUDIT-C). Archives of Internal Medicine. "
        "1998;158(16):1789-1795.",
        "Bradley KA, DeBenedetti AF, Volk RJ, et al. AUDIT-C as a brief screen for "
        "alcohol misuse in primary care. Alcoholism: Clinical and Experimental "
        "Research. 2007;31(7):1208-1217.",
        "Rubinsky AD, Dawson DA, Williams EC, Kivlahan DR, Bradley KA. AUDIT-C "
        "scores as a scaled marker of mean daily drinking, alcohol use disorder "
        "severity, and probability of alcohol dependence in a U.S. general "
        "population sample of drinkers. Alcoholism: Clinical and Experimental "
        "Research. 2013;37(8):1380-1390.",
        *AUDIT_CITATION,
    ),
    original=_(
        "The AUDIT-C was published in English by its authors, Katharine Bush and "
        "colleagues, from the first three questions of the World Health "
        "Organization's AUDIT."
    ),
)


def yes_no(number: int, text: str, urgent: bool = False) -> Question:
    return Question(number, text, (Answer(_("Yes"), 1, urgent), Answer(_("No"), 0)))


DAST_10 = Instrument(
    slug="dast-10",
    name=_("Drug Abuse Screening Test (DAST-10)"),
    short_name="DAST-10",
    about=(
        _(
            "Ten yes-or-no questions about the past 12 months. “Drugs” here "
            "means anything other than alcohol and tobacco: cannabis, cocaine, "
            "opioids, stimulants, sedatives, and prescription medicines taken in a way "
            "other than prescribed."
        )
    ),
    questions=(
        yes_no(1, _("Have you used drugs other than for medical reasons?")),
        yes_no(2, _("Do you use more than one drug at a time?")),
        # The one reversed item: "No" scores.
        Question(
            3,
            _("Are you always able to stop using drugs when you want to?"),
            (Answer(_("Yes"), 0), Answer(_("No"), 1)),
        ),
        yes_no(4, _("Have you had blackouts or flashbacks because of drug use?")),
        yes_no(5, _("Do you ever feel bad or guilty about your drug use?")),
        yes_no(
            6,
            _(
                "Does your partner, or do your parents, ever complain about your drug use?"
            ),
        ),
        yes_no(7, _("Have you neglected your family because of your drug use?")),
        yes_no(8, _("Have you done something against the law to get drugs?")),
        # Withdrawal and medical harm: stopping or carrying on alone can be unsafe.
        yes_no(
            9,
            _(
                "Have you had withdrawal symptoms (felt sick) when you stopped taking "
                "drugs?"
            ),
            urgent=True,
        ),
        yes_no(
            10,
            _(
                "Have you had medical problems because of drug use, such as memory loss, "
                "hepatitis, seizures or bleeding?"
            ),
            urgent=True,
        ),
    ),
    bands=(
        Band(
            0,
            0,
            _("No problems reported"),
            _("You did not report any problems related to drug use in the past year."),
            _(
                "Nothing needs doing now. If things change, you can take this check "
                "again at any time."
            ),
        ),
        Band(
            1,
            2,
            _("A low level of problems"),
            _("Your answers suggest a low level of problems related to drug use."),
            _(
                "Keep an eye on it and take this check again if things change. Talking "
                "with someone can help you decide whether to make a change."
            ),
        ),
        Band(
            3,
            5,
            _("A moderate level of problems"),
            _("Your answers suggest a moderate level of problems related to drug use."),
            _(
                "A conversation with a professional is a good next step, to look more "
                "closely at what is going on. We can talk it through with you."
            ),
        ),
        Band(
            6,
            8,
            _("A substantial level of problems"),
            _(
                "Your answers suggest a substantial level of problems related to drug use."
            ),
            _(
                "The published guidance for this score is a full, in-depth assessment. "
                "Please reach out to a doctor or to us soon."
            ),
            urgent=True,
        ),
        Band(
            9,
            10,
            _("A severe level of problems"),
            _(
                "Your answers suggest a severe level of problems related to drug use. "
                "This is a health condition, and it is treatable."
            ),
            _(
                "The published guidance for this score is a full, in-depth assessment. "
                "Please reach out to a doctor or to us today."
            ),
            urgent=True,
        ),
    ),
    citation=(
        "Skinner HA. The Drug Abuse Screening Test. Addictive Behaviors. "
        "1982;7(4):363-371.",
        "Yudko E, Lozhkina O, Fouts A. A comprehensive review of the psychometric "
        "properties of the Drug Abuse Screening Test. Journal of Substance Abuse "
        "Treatment. 2007;32(2):189-198.",
        "DAST-10 copyright 1982 Harvey A. Skinner, PhD, and the Centre for "
        "Addiction and Mental Health, Toronto.",
    ),
    original=_(
        "The DAST-10 was published in English by its author, Harvey A. Skinner."
    ),
)

INSTRUMENTS: dict[str, Instrument] = {
    instrument.slug: instrument for instrument in (AUDIT_C, AUDIT, DAST_10)
}
CHOICES = [(slug, instrument.short_name) for slug, instrument in INSTRUMENTS.items()]


class InvalidAnswers(ValueError):
    """Posted answers that are missing, out of range or not ours (a 400)."""

    def __init__(self, message: str, missing: tuple[Question, ...] = ()):
        super().__init__(message)
        self.missing = missing


@dataclass(frozen=True)
class Result:
    instrument: Instrument
    score: int
    band: Band
    urgent: bool


def score(instrument: Instrument, data) -> Result:
    """Score posted answers ({"q1": "0", …}, the index of each chosen answer).

    Anything but exactly one in-range index per question is refused: a missing
    answer, an unknown field (a posted "score" included), a repeated field.
    """
    expected = {question.name for question in instrument.questions}
    unknown = set(data) - expected
    if unknown:
        raise InvalidAnswers(_("The form sent something it does not ask for."))
    missing = tuple(q for q in instrument.questions if not data.get(q.name))
    if missing:
        raise InvalidAnswers(_("Some questions have no answer."), missing)
    total, urgent = 0, False
    for question in instrument.questions:
        values = (
            data.getlist(question.name)
            if hasattr(data, "getlist")
            else [data[question.name]]
        )
        if len(values) != 1 or not (values[0].isascii() and values[0].isdigit()):
            raise InvalidAnswers(_("An answer is not one of the choices."))
        index = int(values[0][:3])
        if len(values[0]) > 2 or index >= len(question.answers):
            raise InvalidAnswers(_("An answer is not one of the choices."))
        answer = question.answers[index]
        total += answer.points
        urgent = urgent or answer.urgent
    band = instrument.band_for(total)
    return Result(instrument, total, band, urgent or band.urgent)
