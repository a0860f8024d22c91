/// Lantern's own lay ↔ clinical vocabulary of behavioral health: the words families use and the
/// words clinics, insurers and doctors use for the same things, in groups that mean the same
/// (`search.health_vocabulary`, on unless a site turns it off; `search.synonym_groups` adds
/// a site's own).
///
/// The index gets a group only where it builds a bridge: a member the site's pages never use
/// (all its words are nowhere in the index) is mapped to the members they do use, so a
/// search in other words than the site's still finds its pages; members the pages use are
/// left alone, and rank as they always did. Every group is checked against the sample site
/// (`HealthVocabularyTests`): at least one member is a word of its pages.
enum HealthVocabulary {
    /// One group a line, members separated by commas; a member may be several words.
    static let groups: [[String]] = text.split(separator: "\n").map { line in
        line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private static let text = """
        teen, teenager, adolescent, youth
        kid, child, minor, pediatric
        psych doctor, psychiatrist, psychiatric physician
        counselor, therapist, clinician, psychotherapist
        counseling, therapy, psychotherapy, talk therapy
        copay, co-payment, copayment
        coinsurance, cost sharing, cost share
        deductible, out-of-pocket threshold
        detox, detoxification, withdrawal management, medical withdrawal
        php, partial hospitalization, day hospital, day treatment
        iop, intensive outpatient, intensive outpatient program
        dual diagnosis, co-occurring, comorbid, comorbidity
        rehab, rehabilitation
        inpatient, hospital stay, admitted, inpatient unit
        residential, live-in treatment, treatment center
        outpatient, ambulatory care
        meds, medication, medicine, pharmacotherapy
        prescription, script, rx
        pills, tablets, capsules
        pharmacy, drugstore, chemist
        doctor, physician, md, gp
        nurse, rn, nurse practitioner
        sad, blue, low mood, feeling low
        depression, depressive disorder, major depression, clinical depression
        worry, worrying, fretting, apprehension
        anxiety, anxiousness, anxiety disorder
        panic, panic attack, panic disorder
        nervous, jittery, on edge, uneasy
        trauma, traumatic stress, traumatized
        ptsd, post-traumatic stress, posttraumatic stress disorder
        flashback, intrusive memory, reliving
        nightmare, bad dream, night terror
        eating disorder, disordered eating, ed
        anorexia, anorexia nervosa, restrictive eating
        bulimia, bulimia nervosa, bingeing and purging
        binge, bingeing, binge eating
        suicide, suicidal, suicidal ideation, killing myself, end my life, wanting to die
        crisis, emergency, urgent help
        988, suicide hotline, crisis hotline, lifeline
        hotline, helpline, crisis line
        self harm, self-injury, cutting, self-harming
        drinking, alcohol use, booze
        alcohol, liquor, ethanol
        drunk, intoxicated, wasted, hammered
        drugs, substance use, substances, narcotics
        addiction, substance use disorder, sud, dependence
        opioid, opiates, heroin, fentanyl, painkillers
        weed, marijuana, cannabis, pot
        relapse, slip, lapse, going back to using
        craving, urges, cravings
        trigger, triggering, trigger warning
        sober, sobriety, abstinent, clean
        sober living, recovery housing, halfway house
        recovery, getting better, healing
        withdrawal, withdrawals, dope sick, kicking
        overdose, od, overdosed, drug emergency
        mental health, behavioral health, emotional health
        mental illness, psychiatric disorder, mental disorder
        mood, affect, emotional state
        moody, mood swings, irritable
        anger, rage, temper, outbursts
        stress, stressed, pressure, overwhelmed
        burnout, burned out, exhaustion
        sleep, insomnia, cant sleep, sleeplessness
        tired, fatigue, worn out, drained
        lonely, loneliness, isolation, isolated
        hopeless, hopelessness, despair
        worthless, worthlessness, low self-esteem
        guilt, guilty, remorse
        shame, ashamed, embarrassed
        stigma, judgment, discrimination
        cbt, cognitive behavioral therapy, cognitive therapy
        dbt, dialectical behavior therapy, dialectical behavioral therapy
        group therapy, group counseling, support group
        family therapy, family counseling, family sessions
        individual therapy, one-on-one therapy, individual counseling
        coping skills, coping strategies, coping
        mindfulness, meditation, being present
        relaxation, calming down, deep breathing
        distress tolerance, tolerating distress, riding out emotions
        emotion regulation, managing emotions, emotional regulation
        interpersonal effectiveness, social skills, people skills
        boundaries, limits, saying no
        intake, admission, enrollment, registration
        assessment, evaluation, screening, intake interview
        diagnosis, diagnosed, dx
        symptoms, signs, warning signs
        treatment plan, care plan, plan of care
        aftercare, continuing care, step-down care, follow-up care
        discharge, graduation, finishing the program
        relapse prevention, relapse prevention plan, staying sober
        safety plan, crisis plan, safety planning
        level of care, care level, intensity of treatment
        insurance, health plan, coverage, health insurance, insurance company, carrier, payer
        medicaid, state insurance, public insurance
        medicare, federal insurance, seniors insurance
        prior authorization, preauthorization, pre-approval, precertification
        in-network, network provider, participating provider
        bill, invoice, statement, charges
        payment plan, installments, sliding scale
        cost, price, fees, how much
        free, gratis, complimentary
        parity, mental health parity, equal coverage
        confidential, private, confidentiality
        privacy, hipaa, privacy rights
        consent, permission, release of information, roi
        schedule, timetable, hours, times
        session, appointment, visit
        evening, night program, nighttime sessions
        weekend, saturday, sunday
        job, work, career, paid work
        boss, employer, manager, supervisor
        leave of absence, fmla, medical leave, time away
        school, class, college, university
        student, pupil
        parent, mom, dad, mother, father, guardian
        son, boy
        daughter, girl
        partner, spouse, husband, wife, significant other
        family, relatives, loved ones, household
        caregiver, carer, caretaker
        brother, sibling
        sister, sis
        friend, friends, buddy, peer
        peer support, peer specialist, recovery coach
        team, care team, treatment team, staff
        psychologist, psychology, phd
        dietitian, nutritionist, dietician
        social worker, lcsw, case manager
        primary care, family doctor, pcp
        referral, referred, refer
        waitlist, wait list, waiting list
        accredited, accreditation, carf, joint commission
        licensed, license, licensure, certified
        evidence-based, research-backed, proven treatment
        telehealth, online therapy, virtual sessions, video therapy
        phone, call, telephone
        text, texting, sms
        chat, online chat, messaging
        checklist, packing list, what to bring
        id, identification, drivers license
        first day, first session, orientation
        goals, objectives, targets
        progress, improvement, improving
        setback, backslide, setbacks
        lab, drug test, urine test, drug screen
        dose, dosage, dosing
        side effects, adverse effects, reactions
        supplement, vitamins, herbal remedies
        exercise, physical activity, workout
        food, meals, nutrition, diet
        weight, body weight, weight loss
        body image, body dissatisfaction, appearance
        harm, hurt, injury
        safe, safety, secure
        danger, dangerous, unsafe, at risk
        police, cops, law enforcement
        emergency room, er, a&e, emergency department
        hospital, medical center, ward
        veteran, vets, military, service member
        spanish, espanol, en espanol
        english, english language
        language, interpreter, translation
        workshop, class for families, family education
        glossary, definitions, terms
        faq, frequently asked questions, common questions
        help, assistance, support
        """
}
