"""The words of the demo articles, written for Lantana. Kept apart from the loader.

Each article: slug -> fields. Dates are offsets in days from the day the demo loads,
so the review dates stay realistic (one article is deliberately overdue).
"""

from lantana.core.demo import heading, paragraphs

INDEX = {
    "title": "Articles",
    "intro": (
        "Honest, plain-language reading about addiction, recovery and family life, "
        "written by our clinicians and checked by a second one before it goes live."
    ),
    "search_description": (
        "Articles on addiction, recovery, mental health and family life from the "
        "clinicians at Lantana Recovery in Charleston, SC."
    ),
}

TOPICS = {
    "recovery": ("Recovery", "What recovery looks like day to day, and over years."),
    "family": ("Family", "For parents, partners and friends of someone who uses."),
    "mental-health": (
        "Mental health",
        "Anxiety, depression, trauma and sleep, and how they meet substance use.",
    ),
    "treatment": ("Treatment", "How care works, what to expect and what to ask."),
    "alcohol": ("Alcohol", "Drinking, cutting down and stopping safely."),
    "opioids": ("Opioids", "Opioid use, overdose and the medicines that help."),
}


def rich(*parts: str) -> tuple[str, str]:
    return ("rich_text", "".join(parts))


def callout(heading_text: str, *points: str) -> tuple[str, dict]:
    return ("callout", {"heading": heading_text, "points": list(points)})


def quote(text: str, attribution: str = "") -> tuple[str, dict]:
    return ("quote", {"quote": text, "attribution": attribution})


def references(*citations: str) -> tuple[str, dict]:
    return (
        "references",
        {
            "heading": "Sources",
            "references": [{"citation": c, "url": ""} for c in citations],
        },
    )


def call_to_action(heading_text: str, text: str) -> tuple[str, dict]:
    return (
        "call_to_action",
        {
            "heading": heading_text,
            "text": text,
            "link_page": None,
            "link_url": "/chat/",
            "link_label": "Chat with us",
        },
    )


SOCIAL_MODEL = {
    "title": "The social model of recovery: why people and places matter",
    "summary": (
        "Addiction lives in a body, but also in a family, a neighborhood and a "
        "culture. Here is why we treat all of them, and five ways that helps."
    ),
    "topics": ["recovery", "treatment"],
    "image": (
        "Friends walking along the Battery",
        "Pastel houses along a Charleston street in soft morning light",
        "street",
        41,
    ),
    "author": "maya-okafor",
    "reviewer": "daniel-reyes",
    "published": -120,
    "reviewed": -40,
    "body": [
        paragraphs(
            "When people picture addiction treatment, they often picture medicine: "
            "a detox unit, a prescription, a doctor checking vital signs. That care "
            "matters, and for many people it saves lives. But anyone who has "
            "watched someone they love try to get well knows that the story is "
            "bigger than a body and a diagnosis.",
            "The social model of recovery starts from a simple idea. Substance use "
            "grows out of, and feeds back into, a person's relationships, culture "
            "and surroundings. So lasting recovery has to reach those places too.",
        ),
        heading("Why the biomedical view is only part of the picture"),
        paragraphs(
            "The biomedical view explains a great deal. Alcohol and drugs change "
            "how the brain learns, rewards and copes with stress, and those changes "
            "help explain cravings and why stopping can feel impossible. Medicines "
            "that calm withdrawal or reduce cravings come straight from that "
            "understanding.",
            "What the biomedical view cannot tell us on its own is why two people "
            "with the same diagnosis have such different roads. One goes home to a "
            "steady job and a partner who understands. Another goes home to a "
            "couch in a house where everyone drinks, with no money for the bus to "
            "group. Same illness, very different odds.",
        ),
        heading("Culture and belonging", "h3"),
        paragraphs(
            "Culture shapes what a drink or a pill means, who we can talk to about "
            "it and whether asking for help feels like strength or shame. Care "
            "that ignores a person's faith, language, family traditions or "
            "identity asks them to leave part of themselves at the door. Most "
            "people, understandably, stop coming.",
        ),
        heading("Home, work and neighborhood", "h3"),
        paragraphs(
            "Stable housing, safe streets, a reason to get up in the morning and "
            "friends who do not use are some of the strongest protections anyone "
            "can have. Stress from debt, discrimination or an unsafe home does the "
            "opposite. These are not side issues to sort out after treatment; for "
            "many people they are the treatment.",
        ),
        (
            "image",
            {
                "image": "__garden__",
                "alt_text": "A quiet courtyard garden with benches among flowering shrubs",
                "caption": "Recovery happens in ordinary places, among ordinary people.",
            },
        ),
        heading("Five benefits of the social model"),
        paragraphs(
            "Here is what changes when a program takes the social side of recovery "
            "as seriously as the medical side."
        ),
        heading("1. Recognising the complexity of the problem", "h3"),
        paragraphs(
            "Addiction rarely has one cause. Genes, trauma, pain, loneliness, "
            "money worries and easy access all play a part, in different amounts "
            "for different people. A social approach does not force a single "
            "explanation. It asks what is going on in your whole life, so the plan "
            "fits the problem you actually have.",
        ),
        heading("2. A strengths-based approach", "h3"),
        paragraphs(
            "Instead of starting from everything that has gone wrong, we start "
            "from what is already working: the sister who still calls, the skill "
            "you are proud of, the months you stayed sober before. Those strengths "
            "become the footholds for the climb ahead.",
        ),
        heading("3. Community and peer support", "h3"),
        paragraphs(
            "People heal in company. Groups, peer recovery coaches and mutual-help "
            "meetings offer something no clinician can: sitting beside someone "
            "who has been exactly where you are and is doing all right now. That "
            "kind of connection makes isolation, one of the strongest pulls back "
            "to using, much harder to sustain.",
        ),
        quote(
            "I did not believe recovery was real until I met people who were living "
            "it. Then I just wanted what they had.",
            "A Lantana alumnus",
        ),
        heading("4. Hope and resilience", "h3"),
        paragraphs(
            "Hope is not a soft extra. When people believe change is possible, "
            "they keep coming back, try new skills and recover faster from "
            "setbacks. Seeing others succeed, repairing relationships and "
            "rebuilding routines all feed that belief, and resilience grows with "
            "every hard day you get through.",
        ),
        heading("5. An inclusive, person-centred approach", "h3"),
        paragraphs(
            "There is no single right way to recover. Some people want abstinence "
            "from day one; others start by cutting down or by taking medication. "
            "Some find strength in faith, others in running clubs or art. A "
            "person-centred program makes room for all of them and treats you as "
            "the expert on your own life.",
        ),
        callout(
            "Key takeaways",
            "Addiction affects the brain, and it also lives in families, cultures "
            "and neighborhoods.",
            "Recovery lasts longer when treatment reaches relationships, housing, "
            "work and community.",
            "Peer support, hope and your own strengths are real tools, not extras.",
        ),
        heading("Bringing it together"),
        paragraphs(
            "The social model does not replace medical care; it surrounds it. At "
            "Lantana, that means medication and therapy when they help, alongside "
            "family sessions, peer groups and practical support with the things "
            "that make life outside treatment livable.",
            "If you are wondering whether this kind of care could fit you or "
            "someone you love, we would be glad to talk it through, with no "
            "pressure and no commitment.",
        ),
        call_to_action(
            "Talk it through with us",
            "Our admissions team answers every day. Conversations are free and "
            "confidential.",
        ),
        references(
            "Engel GL. The need for a new medical model: a challenge for "
            "biomedicine. Science. 1977;196(4286):129–136.",
            "Substance Abuse and Mental Health Services Administration. SAMHSA's "
            "working definition of recovery. 2012.",
            "World Health Organization. Closing the gap in a generation: health "
            "equity through action on the social determinants of health. 2008.",
        ),
    ],
}

FIRST_WEEK = {
    "title": "Your first week in outpatient treatment: what to expect",
    "summary": (
        "Not knowing what happens next keeps many people from starting. Here is "
        "an honest walk through the first few days, from the first call on."
    ),
    "topics": ["treatment"],
    "image": (
        "Morning on Wentworth Street",
        "A row of pastel Charleston houses under a clear morning sky",
        "street",
        52,
    ),
    "author": "daniel-reyes",
    "reviewer": "maya-okafor",
    "published": -20,
    "reviewed": -18,
    "body": [
        paragraphs(
            "Starting treatment can feel like stepping off a ledge in the dark. "
            "Knowing what the first week looks like takes some of the fear out "
            "of it, so here is how it usually goes at an outpatient program like "
            "ours."
        ),
        heading("Before day one"),
        paragraphs(
            "It starts with a phone call or a chat. Someone from admissions asks "
            "a few questions about what has been going on, checks your insurance "
            "if you have it and helps you pick a start date. If anything suggests "
            "you need a higher level of care first, such as medical detox, we "
            "will say so and help you get there."
        ),
        heading("Day one: the assessment"),
        rich(
            "<p>Your first visit is mostly talking. Expect it to take two to three "
            "hours. A clinician will ask about:</p>",
            "<ul><li>what you use, how much and how often</li>"
            "<li>your physical and mental health, including medications</li>"
            "<li>family, work, housing and the people around you</li>"
            "<li>what you want to be different</li></ul>",
            "<p>There are no wrong answers, and you can say you would rather not "
            "talk about something yet.</p>",
        ),
        heading("Days two to five: settling in"),
        paragraphs(
            "You will start group sessions, meet your primary therapist one to "
            "one and learn the rhythm of the week. The first groups can feel "
            "awkward. Most people tell us that by the third day they recognize "
            "faces and start to feel less alone."
        ),
        heading("What to bring", "h3"),
        rich(
            "<ul><li>a photo ID and your insurance card, if you have one</li>"
            "<li>a list of your medications and doses</li>"
            "<li>a notebook, if writing helps you</li>"
            "<li>the phone number of someone who supports you</li></ul>"
        ),
        callout(
            "Key takeaways",
            "The first visit is a conversation, not a test.",
            "Groups feel strange at first and easier within days.",
            "You can ask questions at any point, including about cost.",
        ),
        call_to_action(
            "Have a question before you start?",
            "Ask us anything, however small. That is what we are here for.",
        ),
    ],
}

TALKING_ABOUT_DRINKING = {
    "title": "How to talk to someone you love about their drinking",
    "summary": (
        "Worried about a partner, parent or friend? A calm, caring conversation "
        "works better than a confrontation. Here is how to prepare for one."
    ),
    "topics": ["family", "alcohol"],
    "image": (
        "Evening harbor",
        "Calm harbor water at dusk with a low sun over the horizon",
        "water",
        63,
    ),
    "author": "maya-okafor",
    "reviewer": "daniel-reyes",
    "published": -420,
    "reviewed": -380,
    "body": [
        paragraphs(
            "If you are reading this, you have probably been carrying a worry for "
            "a while. Maybe you have started counting bottles, or you flinch when "
            "the phone rings late. Wanting to say something is a sign of love, "
            "even if it does not feel that way right now."
        ),
        heading("Pick your moment"),
        paragraphs(
            "Choose a time when they are sober and you are calm, somewhere "
            "private, with no rush to be anywhere. The morning after a bad night "
            "can work well, when the consequences are fresh but tempers are not."
        ),
        heading("Speak from your own experience"),
        paragraphs(
            "Describe what you have seen and how it affects you, using “I” "
            "rather than “you”. “I was scared when you drove home on Saturday” "
            "lands very differently from “You are a drunk.” Stick to one or two "
            "specific moments; a long list feels like an ambush."
        ),
        heading("Expect some pushback", "h3"),
        paragraphs(
            "Denial, anger or jokes are common first reactions. That does not "
            "mean the conversation failed. People often need time to sit with "
            "what they heard. You can say, “I love you, and I am not going "
            "anywhere. Can we talk again this weekend?”"
        ),
        heading("Have a next step ready", "h3"),
        paragraphs(
            "If they are open to help, it helps to have a number to call right "
            "then. Many families call admissions together, on speakerphone, so "
            "nobody has to find the words alone."
        ),
        callout(
            "Key takeaways",
            "Talk when they are sober and you are calm.",
            "Describe what you saw and how it made you feel.",
            "One conversation rarely changes everything; keep the door open.",
        ),
        call_to_action(
            "Not sure what to say?",
            "Our family team can help you plan the conversation.",
        ),
    ],
}

ALCOHOL_WITHDRAWAL = {
    "title": "Alcohol withdrawal: why stopping suddenly can be dangerous",
    "summary": (
        "For people who drink heavily every day, quitting cold turkey can cause "
        "seizures. Here is what withdrawal looks like and how to stop safely."
    ),
    "topics": ["alcohol", "treatment"],
    "image": (
        "Garden after rain",
        "A green garden with soft light breaking through after rain",
        "garden",
        74,
    ),
    "author": "daniel-reyes",
    "reviewer": "maya-okafor",
    "published": -360,
    "reviewed": -345,
    "body": [
        paragraphs(
            "Deciding to stop drinking is a brave and good decision. If you have "
            "been drinking heavily most days for weeks or longer, though, how you "
            "stop matters. Alcohol withdrawal is one of the few withdrawals that "
            "can be life-threatening, and it is very treatable with the right "
            "support."
        ),
        heading("What happens in the body"),
        paragraphs(
            "Alcohol slows the brain down. With daily drinking, the brain pushes "
            "back by running faster to stay balanced. Take the alcohol away "
            "suddenly and that revved-up system is left without its brake."
        ),
        heading("Common symptoms and timing"),
        rich(
            "<p>Symptoms usually start within six to 24 hours of the last drink "
            "and can include:</p>",
            "<ul><li>shaky hands, sweating and a racing heart</li>"
            "<li>anxiety, irritability and trouble sleeping</li>"
            "<li>nausea and headaches</li></ul>",
            "<p>In more severe cases, seizures can happen, most often in the "
            "first two days, and a small number of people develop delirium "
            "tremens, a medical emergency with confusion and fever, typically "
            "two to four days in.</p>",
        ),
        heading("Stopping safely"),
        paragraphs(
            "A doctor can judge your risk and, if needed, prescribe medicine "
            "that keeps withdrawal safe and much more comfortable. Depending on "
            "your history, that might happen at home with daily check-ins or in "
            "a medically supervised detox.",
            "If you or someone near you has a seizure, severe confusion or "
            "hallucinations while stopping drinking, call 911.",
        ),
        callout(
            "Key takeaways",
            "Heavy daily drinkers should talk to a doctor before stopping.",
            "Symptoms usually begin within a day of the last drink.",
            "Seizures or confusion during withdrawal are an emergency: call 911.",
        ),
        references(
            "National Institute on Alcohol Abuse and Alcoholism. Alcohol "
            "withdrawal: what clinicians should know. Alcohol Treatment Navigator.",
            "American Society of Addiction Medicine. Clinical practice guideline "
            "on alcohol withdrawal management. 2020.",
        ),
    ],
}

NALOXONE = {
    "title": "Naloxone: the medicine that reverses an opioid overdose",
    "summary": (
        "Naloxone can bring someone back from an opioid overdose in minutes, and "
        "you can buy it without a prescription. Here is how to recognize an "
        "overdose and use it."
    ),
    "topics": ["opioids"],
    "image": (
        "Light over the water",
        "Gentle waves under a warm sky with the sun low over the water",
        "water",
        85,
    ),
    "author": "daniel-reyes",
    "reviewer": "maya-okafor",
    "published": -60,
    "reviewed": -58,
    "body": [
        paragraphs(
            "Naloxone is a medicine that quickly undoes the effects of opioids "
            "such as heroin, fentanyl and prescription painkillers. It is safe, "
            "simple to use and, since 2023, the nasal spray has been sold over "
            "the counter in pharmacies across the United States."
        ),
        heading("Signs of an opioid overdose"),
        rich(
            "<ul><li>they will not wake up or respond to their name</li>"
            "<li>breathing is very slow, shallow or has stopped</li>"
            "<li>lips or fingertips turn blue or gray</li>"
            "<li>pupils are tiny, like pinpoints</li>"
            "<li>gurgling or snoring sounds</li></ul>"
        ),
        heading("What to do"),
        rich(
            "<ol><li>Call 911.</li>"
            "<li>Give naloxone: one spray into one nostril.</li>"
            "<li>Support their breathing and lay them on their side.</li>"
            "<li>If they do not respond within two to three minutes, give a "
            "second dose.</li>"
            "<li>Stay with them until help arrives; naloxone wears off sooner "
            "than many opioids.</li></ol>"
        ),
        heading("Who should carry it"),
        paragraphs(
            "Anyone who uses opioids, lives with someone who does or simply wants "
            "to be ready. With fentanyl in so much of the drug supply, overdoses "
            "happen to people who did not know they were taking opioids at all."
        ),
        callout(
            "Key takeaways",
            "Naloxone is safe even if the person has not taken opioids.",
            "Always call 911 as well; the overdose can return.",
            "Keep it where you and others can find it fast.",
        ),
    ],
}

MEDICATION_OUD = {
    "title": "Medication for opioid use disorder, explained",
    "summary": (
        "Buprenorphine, methadone and naltrexone help people stay alive and in "
        "recovery. Here is how each one works and what people worry about."
    ),
    "topics": ["opioids", "treatment"],
    "image": (
        "Quiet garden path",
        "A path through green shrubs and flowers in late-afternoon light",
        "garden",
        96,
    ),
    "author": "daniel-reyes",
    "reviewer": "maya-okafor",
    "published": -150,
    "reviewed": -148,
    "body": [
        paragraphs(
            "Medication is one of the most effective tools we have for opioid use "
            "disorder. People who take it are far less likely to die of an "
            "overdose, and more likely to stay in treatment, keep a job and keep "
            "their families together."
        ),
        heading("The three medicines"),
        heading("Buprenorphine", "h3"),
        paragraphs(
            "A partial opioid that eases cravings and withdrawal without the "
            "same high. It comes as a film or tablet under the tongue, or as a "
            "monthly injection, and can be prescribed in an ordinary clinic."
        ),
        heading("Methadone", "h3"),
        paragraphs(
            "A long-acting full opioid given daily at a licensed treatment "
            "program. It has decades of evidence behind it and suits people who "
            "want more structure."
        ),
        heading("Naltrexone", "h3"),
        paragraphs(
            "Blocks opioids from working at all. It is given as a monthly "
            "injection once someone has been opioid-free for about a week."
        ),
        heading("“Isn’t that just swapping one drug for another?”"),
        paragraphs(
            "It is the most common worry we hear, and a fair question. The "
            "difference is what the medicine does to a life. Taken as prescribed, "
            "these medicines steady the brain rather than intoxicate it, the way "
            "insulin steadies blood sugar. People go to work, drive their kids "
            "to school and rebuild, often for years."
        ),
        callout(
            "Key takeaways",
            "All three medicines reduce the risk of overdose and relapse.",
            "The right one depends on your history, goals and daily life.",
            "Medication works best alongside counselling and support.",
        ),
        references(
            "National Academies of Sciences, Engineering, and Medicine. "
            "Medications for opioid use disorder save lives. 2019.",
        ),
    ],
}

CO_OCCURRING = {
    "title": "Anxiety, depression and substance use: treating both at once",
    "summary": (
        "Many people who struggle with alcohol or drugs also live with anxiety "
        "or depression. Treating them together works better than taking turns."
    ),
    "topics": ["mental-health", "treatment"],
    "image": (
        "Dawn over the rooftops",
        "Charleston rooftops at dawn in shades of peach and rose",
        "street",
        107,
    ),
    "author": "maya-okafor",
    "reviewer": "daniel-reyes",
    "published": -400,
    "reviewed": -350,
    "body": [
        paragraphs(
            "A drink to quiet racing thoughts. A pill to get through a heavy "
            "morning. For many people, substance use began as a way to cope "
            "with anxiety, depression or trauma, and over time the coping became "
            "its own problem."
        ),
        heading("Why they travel together"),
        paragraphs(
            "Mental health conditions and substance use share risk factors, such "
            "as stress, trauma and family history, and each can make the other "
            "worse. Alcohol deepens low mood; withdrawal spikes anxiety. It is a "
            "loop, and it is very common."
        ),
        heading("Why treating both matters"),
        paragraphs(
            "When only one side is treated, the other tends to pull people back. "
            "Integrated care means the same team looks at your mood, your sleep, "
            "your worries and your use together, and plans for all of them."
        ),
        heading("What that looks like here", "h3"),
        rich(
            "<ul><li>a full mental health assessment at the start</li>"
            "<li>therapy that teaches skills for anxiety and low mood</li>"
            "<li>psychiatric care and medication when it helps</li>"
            "<li>regular check-ins on how both are going</li></ul>"
        ),
        callout(
            "Key takeaways",
            "Anxiety, depression and substance use often feed each other.",
            "Treating them together lowers the chance of relapse.",
            "Feeling better emotionally is part of recovery, not a bonus.",
        ),
    ],
}

CARING_FOR_YOURSELF = {
    "title": "Looking after yourself while someone you love is in treatment",
    "summary": (
        "Families carry a lot during treatment. Caring for your own health is "
        "not selfish; it is part of what helps everyone get well."
    ),
    "topics": ["family", "mental-health"],
    "image": (
        "Garden bench",
        "A peaceful garden corner with warm sunlight on green leaves",
        "garden",
        118,
    ),
    "author": "maya-okafor",
    "reviewer": "daniel-reyes",
    "published": -45,
    "reviewed": -44,
    "body": [
        paragraphs(
            "When someone you love starts treatment, it is natural to pour "
            "everything into them. Months or years of worry do not vanish on "
            "their first day, though, and you deserve support of your own."
        ),
        heading("Notice how you are doing"),
        paragraphs(
            "Are you sleeping? Eating? Seeing friends? Many family members "
            "discover they have been running on adrenaline for a long time. "
            "Tiredness, irritability and a constant sense of waiting for bad news "
            "are common, and they ease with care."
        ),
        heading("Small things that help"),
        rich(
            "<ul><li>keep one thing each week that is just for you</li>"
            "<li>tell one trusted person what is really going on</li>"
            "<li>try a family group, such as ours or Al-Anon</li>"
            "<li>let treatment staff hold some of the worry</li></ul>"
        ),
        heading("Boundaries are a kindness"),
        paragraphs(
            "Saying no to covering, lending money or making excuses can feel "
            "harsh. In practice, clear and loving limits protect you and give "
            "your loved one the dignity of owning their recovery."
        ),
        call_to_action(
            "Join our family group",
            "Every Tuesday evening, for anyone who loves someone in recovery.",
        ),
    ],
}

RELAPSE = {
    "title": "Relapse is not the end of recovery",
    "summary": (
        "A return to use can feel like failure. It is better understood as a "
        "signal that the plan needs adjusting, and it is common and survivable."
    ),
    "topics": ["recovery"],
    "image": (
        "Street after the storm",
        "Bright Charleston houses under clearing skies after a storm",
        "street",
        129,
    ),
    "author": "maya-okafor",
    "reviewer": "daniel-reyes",
    "published": -10,
    "reviewed": -9,
    "body": [
        paragraphs(
            "If you have used again after a stretch of recovery, you might be "
            "feeling shame, anger or fear that all your progress is gone. Please "
            "hear this first: it is not gone. Everything you learned is still "
            "there, and many people who are doing well today had setbacks along "
            "the way."
        ),
        heading("How common is relapse?"),
        paragraphs(
            "Research summarized by the National Institute on Drug Abuse puts "
            "relapse rates for substance use disorders at roughly 40 to 60 "
            "percent, similar to other long-term conditions such as high blood "
            "pressure and asthma. Nobody calls a blood pressure spike a moral "
            "failure; it means treatment needs a tune-up."
        ),
        heading("What to do next"),
        rich(
            "<ol><li>Make sure you are safe. If you used opioids, have naloxone "
            "nearby and do not use alone.</li>"
            "<li>Tell someone: your therapist, sponsor or a friend in recovery.</li>"
            "<li>Look at what led up to it, without blame.</li>"
            "<li>Adjust the plan: more support, a different schedule, medication, "
            "or a higher level of care for a while.</li></ol>"
        ),
        quote("Falling down is part of walking. What matters is getting back up."),
        callout(
            "Key takeaways",
            "Relapse is common and does not erase progress.",
            "Reach out quickly; shame grows in silence.",
            "A setback is information for a better plan.",
        ),
        references(
            "National Institute on Drug Abuse. Drugs, brains, and behavior: the "
            "science of addiction. Treatment and recovery.",
        ),
    ],
}

SLEEP = {
    "title": "Sleep in early recovery: why it is hard and what helps",
    "summary": (
        "Poor sleep is one of the most common complaints in early recovery. It "
        "does get better, and there is a lot you can do in the meantime."
    ),
    "topics": ["recovery", "mental-health"],
    "image": (
        "Night harbor",
        "Deep blue water under a soft evening sky by the harbor",
        "water",
        140,
    ),
    "author": "daniel-reyes",
    "reviewer": "maya-okafor",
    "published": -5,
    "reviewed": -4,
    "body": [
        paragraphs(
            "Lying awake at 3 a.m. is miserable at the best of times. In early "
            "recovery, it can also be a trigger. The good news is that sleep "
            "usually improves over the first few months, and some simple habits "
            "speed it along."
        ),
        heading("Why sleep goes wrong"),
        paragraphs(
            "Alcohol and many drugs knock you out but wreck the quality of sleep. "
            "When you stop, the brain has to relearn how to fall asleep on its "
            "own, and dreams, including vivid using dreams, often come back "
            "strongly for a while."
        ),
        heading("Habits that help"),
        rich(
            "<ul><li>get up at the same time every day, even after a bad night</li>"
            "<li>get outside in daylight in the morning</li>"
            "<li>cut caffeine after lunch</li>"
            "<li>keep the bed for sleep; if you cannot sleep, get up for a while</li>"
            "<li>wind down with the same short routine each night</li></ul>"
        ),
        heading("When to ask for help", "h3"),
        paragraphs(
            "If poor sleep lasts more than a few weeks or leaves you unable to "
            "function, tell your care team. Therapy for insomnia works well, and "
            "there are sleep medicines that are safe in recovery."
        ),
        callout(
            "Key takeaways",
            "Sleep often gets worse before it gets better, then improves.",
            "A steady wake-up time is the most powerful habit.",
            "Using dreams are normal and do not mean you want to use.",
        ),
    ],
}

ARTICLES = {
    "social-model-of-recovery": SOCIAL_MODEL,
    "first-week-outpatient-treatment": FIRST_WEEK,
    "talking-to-someone-about-drinking": TALKING_ABOUT_DRINKING,
    "alcohol-withdrawal": ALCOHOL_WITHDRAWAL,
    "naloxone": NALOXONE,
    "medication-for-opioid-use-disorder": MEDICATION_OUD,
    "anxiety-depression-and-substance-use": CO_OCCURRING,
    "looking-after-yourself": CARING_FOR_YOURSELF,
    "relapse-is-not-the-end": RELAPSE,
    "sleep-in-early-recovery": SLEEP,
}

# Editors' picks for "Keep reading"; the rest fills from shared topics.
RELATED = {
    "social-model-of-recovery": ["relapse-is-not-the-end", "looking-after-yourself"],
    "naloxone": ["medication-for-opioid-use-disorder"],
}
