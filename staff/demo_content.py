"""The words of the demo team, written for Lantana. Everyone here is fictional."""

from .choices import StaffRole

TEAM_INDEX = {
    "title": "Our team",
    "seo_title": "Our team | Therapists, doctors and peer specialists at Lantana Recovery",
    "search_description": (
        "Meet the therapists, medical staff, peer specialists and admissions team at "
        "Lantana Recovery in Charleston, SC."
    ),
    "intro": (
        "Therapists, doctors, a peer specialist and the people who answer the phone. "
        "Every one of us chose this work because we have seen recovery happen, and we "
        "would be glad to walk alongside you."
    ),
    "show_in_menus": True,
}

# name: description. The vocabulary editors choose from on each profile.
APPROACHES = {
    "Strengths-based practice": (
        "Treatment that starts from what you already do well, your skills, "
        "relationships and hopes, and builds from there."
    ),
    "Twelve Step facilitation": (
        "Sessions that introduce the ideas behind Alcoholics Anonymous and Narcotics "
        "Anonymous and help you try meetings, if you choose to."
    ),
    "Cognitive Behavioral Therapy": (
        "Practical work on how thoughts, feelings and actions feed each other, with "
        "skills for cravings and hard moments."
    ),
    "Motivational Interviewing": (
        "A collaborative conversation that helps you find your own reasons for change, "
        "without pressure or lectures."
    ),
    "Dialectical Behavior Therapy": (
        "Skills for riding out intense emotions, tolerating distress and keeping "
        "relationships steady."
    ),
    "Family systems": (
        "Looks at recovery in the setting of the whole family, so everyone can "
        "understand their part and heal together."
    ),
    "Trauma-informed care": (
        "Care that recognizes how past trauma shapes today's struggles, and puts "
        "safety, choice and trust first."
    ),
    "Medication for addiction treatment": (
        "FDA-approved medicines such as buprenorphine or naltrexone, used alongside "
        "counseling to ease withdrawal and cravings."
    ),
}

# slug: fields. "portrait" is the draw_portrait seed; None (every one: a drawn figure
# reads as nobody) leaves the initials showing.
CLINICIANS = {
    "maya-okafor": {
        "first_name": "Maya",
        "last_name": "Okafor",
        "credentials": "LMSW",
        "job_title": "Primary Therapist",
        "role": StaffRole.CLINICAL,
        "sort_order": 10,
        "portrait": None,
        "short_bio": (
            "Maya helps adults work through substance use and the anxiety, depression "
            "and grief that often come with it, starting from what is already going "
            "right in their lives."
        ),
        "biography": (
            "<p>Maya is a Licensed Master Social Worker who specializes in treating "
            "substance use together with mental health concerns such as anxiety, "
            "depression and trauma. She works from a strengths-based perspective: "
            "before talking about what has gone wrong, she wants to know what has "
            "carried you through hard days, who is in your corner and what matters "
            "most to you.</p>"
            "<p>In sessions she draws on Twelve Step facilitation, Cognitive Behavioral "
            "Therapy and Motivational Interviewing, and chooses what suits the person in "
            "front of her rather than using one method for everyone. Some people arrive "
            "sure they want to stop drinking or using; others are not sure yet. Both are "
            "welcome in her office.</p>"
            "<p>Before joining Lantana, Maya spent six years as a case manager at a "
            "community health center, where she saw how much housing, work and family "
            "shape a person's recovery. That experience is why she will ask about your "
            "whole life, not only your use.</p>"
            "<p>Away from work she sings alto in a community choir and walks the "
            "Battery early on Saturday mornings.</p>"
        ),
        "specialties": (
            "Substance use disorders\nCo-occurring mental health conditions\n"
            "Anxiety and depression\nRelapse prevention"
        ),
        "approaches": [
            "Strengths-based practice",
            "Twelve Step facilitation",
            "Cognitive Behavioral Therapy",
            "Motivational Interviewing",
        ],
        "licence_number": "DEMO-20417",
        "licence_state": "SC",
    },
    "daniel-reyes": {
        "first_name": "Daniel",
        "last_name": "Reyes",
        "credentials": "MD",
        "job_title": "Medical Director",
        "role": StaffRole.MEDICAL,
        "sort_order": 20,
        "portrait": None,
        "short_bio": (
            "Dr. Reyes is board-certified in addiction medicine and leads our medical "
            "care, from medication for cravings to the everyday health questions that "
            "come up in recovery."
        ),
        "biography": (
            "<p>Dr. Reyes trained in family medicine and practiced in a rural clinic for "
            "years before becoming board-certified in addiction medicine. He saw too "
            "many patients turned away or lectured when they asked for help with "
            "alcohol or opioids, and decided to build the kind of care he wished they "
            "had received.</p>"
            "<p>At Lantana he meets every new client who may benefit from medication, "
            "explains the options plainly, including buprenorphine and naltrexone, and "
            "respects the decision you make. He also keeps in touch with your primary "
            "care doctor, so your treatment does not live in a silo.</p>"
            "<p>He believes good medicine is unhurried. Expect him to sit down, ask how "
            "you are sleeping and eating, and leave time for your questions.</p>"
            "<p>When he is not at the clinic he is usually fishing the marsh creeks "
            "with his two kids.</p>"
        ),
        "specialties": (
            "Addiction medicine\nOpioid and alcohol use disorders\n"
            "Withdrawal planning\nChronic pain and substance use"
        ),
        "approaches": [
            "Medication for addiction treatment",
            "Motivational Interviewing",
            "Trauma-informed care",
        ],
        "licence_number": "DEMO-31876",
        "licence_state": "SC",
    },
    "grace-whitfield": {
        "first_name": "Grace",
        "last_name": "Whitfield",
        "credentials": "LPC, LAC",
        "job_title": "Clinical Director",
        "role": StaffRole.LEADERSHIP,
        "sort_order": 30,
        "portrait": None,
        "short_bio": (
            "Grace shapes how care works at Lantana, from our group schedule to the "
            "family program, and still sees a few clients of her own every week."
        ),
        "biography": (
            "<p>Grace is a Licensed Professional Counselor and Licensed Addiction "
            "Counselor with more than twenty years in treatment programs across the "
            "Lowcountry. As Clinical Director she supervises our therapists, reviews "
            "every treatment plan and makes sure each person's care fits them, not "
            "the other way around.</p>"
            "<p>She built our family program after noticing how often parents and "
            "partners were left in the waiting room, worried and without support. "
            "She also reviews the articles on this site for clinical accuracy.</p>"
            "<p>Grace keeps a small caseload because, in her words, a director who "
            "stops sitting with clients forgets what the work is for.</p>"
        ),
        "specialties": (
            "Program and clinical supervision\nFamily recovery\n"
            "Trauma and substance use"
        ),
        "approaches": [
            "Family systems",
            "Trauma-informed care",
            "Dialectical Behavior Therapy",
            "Strengths-based practice",
        ],
        "licence_number": "DEMO-11509",
        "licence_state": "SC",
    },
    "elena-novak": {
        "first_name": "Elena",
        "last_name": "Novak",
        "credentials": "LPC",
        "job_title": "Family Therapist",
        "role": StaffRole.CLINICAL,
        "sort_order": 40,
        "portrait": None,
        "short_bio": (
            "Elena works with families and couples, helping the people who love "
            "someone in treatment rebuild trust and look after themselves too."
        ),
        "biography": (
            "<p>Elena leads the Tuesday evening family group and meets with couples "
            "and families throughout the week. She helps people put words to what "
            "addiction has done to their household, learn to talk without blame and "
            "set boundaries that hold.</p>"
            "<p>Many of the families she sees arrive exhausted and unsure whether they "
            "have a place in treatment at all. Her answer is always yes. You do not "
            "need your loved one to be in treatment to get support from her.</p>"
        ),
        "specialties": (
            "Family therapy\nCouples in recovery\nParents of young adults\n"
            "Communication and boundaries"
        ),
        "approaches": [
            "Family systems",
            "Dialectical Behavior Therapy",
            "Cognitive Behavioral Therapy",
        ],
    },
    "marcus-bell": {
        "first_name": "Marcus",
        "last_name": "Bell",
        "credentials": "CPRS",
        "job_title": "Peer Recovery Specialist",
        "role": StaffRole.CLINICAL,
        "sort_order": 50,
        "portrait": None,
        "short_bio": (
            "Marcus has been in recovery for over a decade. He helps people find their "
            "footing in early recovery and connect with the recovery community in "
            "Charleston."
        ),
        "biography": (
            "<p>Marcus is a Certified Peer Recovery Specialist, which means his most "
            "important training is his own recovery. He knows what the first weeks "
            "feel like, and he is honest about the setbacks along the way.</p>"
            "<p>He meets people in groups and one to one, goes with them to their first "
            "mutual-help meetings if they want company, and helps with the practical "
            "parts of a new life: a bus route to work, a sober softball league, a "
            "phone list of people to call at two in the morning.</p>"
        ),
        "specialties": (
            "Peer support\nEarly recovery\nRecovery community connections\n"
            "Mutual-help meetings"
        ),
        "approaches": [
            "Strengths-based practice",
            "Twelve Step facilitation",
            "Motivational Interviewing",
        ],
    },
    "priya-shah": {
        "first_name": "Priya",
        "last_name": "Shah",
        "credentials": "PMHNP-BC",
        "job_title": "Psychiatric Nurse Practitioner",
        "role": StaffRole.MEDICAL,
        "sort_order": 60,
        "portrait": None,
        "short_bio": (
            "Priya treats the mental health side of recovery, including depression, "
            "anxiety, ADHD and sleep, and helps people find medication that fits."
        ),
        "biography": (
            "<p>Priya is a board-certified psychiatric mental health nurse practitioner. "
            "She sees clients whose substance use is tangled up with depression, "
            "anxiety, bipolar disorder, ADHD or trouble sleeping, and works closely "
            "with their therapist so everyone is pulling in the same direction.</p>"
            "<p>She prefers to start low and go slow with medication, explains every "
            "side effect she can think of, and will always tell you what she would do "
            "if you were her own family.</p>"
        ),
        "specialties": (
            "Co-occurring mental health conditions\nPsychiatric medication management\n"
            "Sleep in early recovery"
        ),
        "approaches": ["Medication for addiction treatment", "Trauma-informed care"],
    },
    "tamika-grant": {
        "first_name": "Tamika",
        "last_name": "Grant",
        "credentials": "",
        "job_title": "Admissions Coordinator",
        "role": StaffRole.ADMISSIONS,
        "sort_order": 70,
        "portrait": None,
        "short_bio": (
            "Tamika is often the first voice you hear when you call. She checks your "
            "insurance, answers your questions and sets up your first assessment."
        ),
        "biography": (
            "<p>Tamika has worked in admissions at Lantana since the day the doors "
            "opened. She knows that picking up the phone is often the hardest part, "
            "so she keeps the first call simple: what is going on, what you hope for "
            "and what happens next.</p>"
            "<p>She will check your benefits before you commit to anything, explain "
            "costs in plain numbers and, if another program would suit you better, "
            "tell you so and help you reach it.</p>"
        ),
        "specialties": "Insurance and benefits checks\nFirst assessments",
        "approaches": [],
    },
}
