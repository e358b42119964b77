"""Generator for the blind held-out set (invented test data; written without
looking at the classifier's rules). Run: python make_posts.py > posts.jsonl"""
import hashlib, json, random

AM, DM, PM, IBM, NM, AS = ("autoimmune-myopathy", "dermatomyositis", "polymyositis",
                           "inclusion-body-myositis", "necrotizing-myopathy",
                           "antisynthetase-syndrome")
DX, TX, LW, RS = "diagnosis", "treatment", "living-with", "research"

P = []
def post(title, summary, author, source, labels, note=""):
    P.append((title, summary, author, source, list(labels), note))

# ---------------------------------------------------------------- off-topic
post("The rugby knock that left a lump of bone in my quad",
     "Three weeks after a hard knee to the thigh, my physio felt a firm mass that an ultrasound showed was calcifying. Myositis ossificans means months of patience: no deep massage, no heat, and a slow return to sprinting.",
     "Callum Drury", "Scrum Half Recovery", [], "Myositis ossificans: post-traumatic bone in muscle.")
post("FOP awareness day: a rare disease that turns muscle into bone",
     "Fibrodysplasia ossificans progressiva is a genetic condition in which muscles and tendons gradually ossify, often after minor injuries or injections. Families describe why routine vaccines and dental work need special planning.",
     "Priya Valmont", "Rare Threads", [], "FOP is listed as a near miss.")
post("Why is my six-year-old walking on tiptoe after the flu?",
     "Calf pain that makes a child refuse to put their heels down, a few days after influenza, is usually a short-lived viral myositis. Our urgent-care pediatrician explains the blood test, fluids, and the red flags that mean a hospital visit.",
     "Kestrel Pediatrics Team", "Kestrel Pediatrics Blog", [], "Benign acute childhood (influenza) myositis.")
post("Aching all over after COVID: viral myositis in adults",
     "Muscle pain and a mildly raised CK are common during and after viral infections. A hospitalist explains why most cases settle within weeks and which symptoms, such as dark urine, need urgent review.",
     "Dr. Lorenzo Baptista", "Mercy Valley Health Newsroom", [], "Infectious/viral myositis, self-limiting.")
post("Tropical pyomyositis in a returning traveler",
     "A hiker back from Southeast Asia had a swollen, hot thigh and fever. The MRI showed a muscle abscess, a condition called pyomyositis, which was drained and treated with a six-week antibiotic course.",
     "Dr. Lorenzo Baptista", "Mercy Valley Health Newsroom", [], "Pyomyositis = bacterial infection.")
post("Pain when I look sideways: orbital myositis explained",
     "Orbital myositis is inflammation of the small muscles that move the eye, causing pain on eye movement and sometimes double vision. An eye specialist covers the MRI findings and the short steroid course that usually settles it.",
     "Dr. Ines Kowalczyk", "ClearView Eye Notes", [], "Orbital myositis is listed as off-topic.")
post("Sore legs on atorvastatin? Run through this checklist first",
     "Before blaming your cholesterol tablet for sore legs, consider new exercise, low vitamin D, and thyroid problems. Our pharmacist shares the questions she asks and when a short break from the statin makes sense.",
     "Hattie Oyelaran, PharmD", "Pestle & Mortar Notes", [], "Plain statin myalgia.")
post("Ubiquinol versus ubiquinone: is the pricier CoQ10 worth it?",
     "Supplement shelves promise that the 'active' form of coenzyme Q10 eases statin aches better. We look at absorption data, the handful of small trials, and why the cheaper form may be fine if you want to try one.",
     "Hattie Oyelaran, PharmD", "Pestle & Mortar Notes", [], "CoQ10 for statin myalgia.")
post("Testing my own statin: a month-by-month blinded experiment",
     "I swapped between my statin and identical dummy capsules packed by my pharmacist, scoring my aches every evening. The scores were the same on both. How the self-experiment worked and why I went back on the tablets.",
     "Gordon Ashby", "Cholesterol Diaries", [], "Statin nocebo.")
post("Clarithromycin and simvastatin: the interaction that lands people in hospital",
     "A common antibiotic can multiply simvastatin levels and trigger severe muscle breakdown. Our pharmacists explain why the statin is usually paused during the course and which antibiotics are safer choices.",
     "Kofi Rennard", "RxLantern", [], "Drug-interaction rhabdomyolysis.")
post("Recruit training and rhabdomyolysis: lessons from a summer intake",
     "Several cadets needed IV fluids after a first week of push-up drills in the heat. An occupational physician explains exertional rhabdomyolysis, CK testing, and how training schedules were changed.",
     "Dr. Sanne Vos", "FieldFit Medicine", [], "Exertional rhabdomyolysis.")
post("Five minutes a night: DM foot checks that prevent ulcers",
     "People with DM can lose feeling in their feet without noticing. A podiatrist shows a nightly check for cuts, color changes, and pressure spots, and explains when a small blister needs a same-day appointment.",
     "Rosa Ilunga, CDCES", "Glucose Garden", [], "DM = diabetes mellitus.")
post("Fasting safely with type 2 DM",
     "Many people with type 2 diabetes want to fast during religious holidays. A diabetes educator explains which tablets need dose changes, how to check sugars without breaking the fast, and when to stop.",
     "Rosa Ilunga, CDCES", "Glucose Garden", [], "DM = diabetes.")
post("Diabetic amyotrophy: thigh pain and weakness after weight loss",
     "Severe thigh pain followed by weakness in one leg can be diabetic amyotrophy, a nerve problem in people with diabetes. A neurologist explains nerve tests, the slow recovery, and why sugar control still matters.",
     "Dr. Sanne Vos", "Mercy Valley Health Newsroom", [], "Diabetic amyotrophy; proximal weakness but not myositis.")
post("Getting off prednisone with PMR: the last five milligrams",
     "The final stretch of a polymyalgia rheumatica taper is where stiffness often creeps back. A rheumatologist explains one-milligram steps, morning cortisol checks, and when methotrexate is added to help.",
     "Dr. Eamon Healy", "Tallgrass Rheumatology", [], "PMR; steroid taper is not myositis.")
post("Low-dose naltrexone for fibromyalgia: hype or help?",
     "Low-dose naltrexone is popular in fibromyalgia forums. We review the small trials, the compounding pharmacy costs, and the vivid dreams that many users report in the first weeks.",
     "Hattie Oyelaran, PharmD", "Pestle & Mortar Notes", [], "Fibromyalgia.")
post("Widespread pain, normal labs: how fibromyalgia is diagnosed today",
     "The old tender-point exam has been replaced by a symptom score that counts pain areas, fatigue, and sleep. A rheumatologist explains why muscle enzymes are checked once and then left alone.",
     "Dr. Eamon Healy", "Tallgrass Rheumatology", [], "Fibromyalgia diagnosis; CK mentioned only to rule out.")
post("Our ALS clinic adds Saturday appointments",
     "Starting next month, the motor neuron disease clinic will see patients on alternate Saturdays, with speech, nutrition, and respiratory therapy in the same visit so families need only one trip.",
     "Brightwater Communications", "Brightwater Clinic Newsroom", [], "ALS.")
post("Double vision by evening: my myasthenia gravis story",
     "My eyelids drooped by late afternoon and the TV doubled after dinner. An ice-pack test, an antibody result, and single-fiber EMG finally named it myasthenia gravis. What the first year of pyridostigmine was like.",
     "Yara Mendelsohn", "Blink Twice", [], "Myasthenia gravis; diagnosis story of another disease.")
post("FcRn blockers for generalized myasthenia: a pharmacist's primer",
     "A new class of infused and injected drugs lowers the harmful antibodies in myasthenia gravis. We explain dosing cycles, infection precautions, and how they compare with IVIG and plasma exchange.",
     "Kofi Rennard", "RxLantern", [], "Myasthenia; IVIG only as comparison.")
post("CIDP or Guillain-Barré? Why the timeline matters",
     "Both conditions cause weakness and numbness from inflamed nerves, but one peaks within four weeks and the other keeps progressing for months. A neurologist explains nerve conduction studies and why treatment differs.",
     "Dr. Ines Kowalczyk", "Brightwater Clinic Newsroom", [], "CIDP/GBS.")
post("Folic acid with weekly methotrexate for psoriasis",
     "Most dermatologists prescribe folic acid alongside methotrexate for plaque psoriasis to reduce nausea and mouth sores. Our pharmacist explains which day to take it and what blood tests to expect.",
     "Kofi Rennard", "RxLantern", [], "Methotrexate for psoriasis.")
post("Methotrexate for rheumatoid arthritis: swallow or inject?",
     "Injected methotrexate is absorbed more reliably at higher doses and may cause less stomach upset. A rheumatology nurse compares the two forms for RA and shows how to do the first injection at home.",
     "Nadine Carrow, RN", "Joint Effort Blog", [], "Methotrexate for RA.")
post("After a methotrexate injection for ectopic pregnancy",
     "A single methotrexate injection can end an ectopic pregnancy without surgery. What the follow-up hCG blood tests mean, which symptoms need urgent care, and why alcohol and folic acid are avoided for a while.",
     "Dr. Aoife Brennan", "Women's Health Loft", [], "Methotrexate for ectopic pregnancy.")
post("Kawasaki disease: why the IVIG drip can't wait",
     "Children with Kawasaki disease get immune globulin within ten days of fever onset to protect the coronary arteries. Our pediatric cardiologist explains the long infusion, aspirin, and the heart scans afterward.",
     "Kestrel Pediatrics Team", "Kestrel Pediatrics Blog", [], "IVIG for Kawasaki.")
post("Immune globulin before surgery when platelets are low",
     "For people with immune thrombocytopenia, a dose of IVIG can raise platelet counts quickly before an operation. Our hematology nurses explain timing, headaches afterward, and what happens if the count does not rise.",
     "Brightwater Communications", "Brightwater Clinic Newsroom", [], "IVIG for ITP.")
post("Plaquenil supply and lupus: what to do if your pharmacy runs out",
     "When hydroxychloroquine is back-ordered, people with lupus worry about flares. We explain how long levels persist after a missed week, alternative strengths, and how to get your rheumatologist to help.",
     "Hattie Oyelaran, PharmD", "Pestle & Mortar Notes", [], "Hydroxychloroquine for lupus.")
post("JAK tablets for rheumatoid arthritis: heart and clot warnings explained",
     "Boxed warnings on JAK inhibitors worry many people with RA. A rheumatologist walks through who is at higher risk, what the safety trial actually found, and when the benefits still win.",
     "Nadine Carrow, RN", "Joint Effort Blog", [], "JAK inhibitor for RA.")
post("Baricitinib for alopecia areata: regrowth timelines",
     "A JAK inhibitor tablet is now used for severe alopecia areata. Our dermatologists explain how long regrowth takes, the lab checks every few months, and what happens to hair when the tablet is stopped.",
     "Dr. Mireille Aoun", "Derm Daylight", [], "JAK inhibitor for alopecia.")
post("Weak thighs after a year of steroids for COPD",
     "Long courses of prednisone for COPD flares can waste the thigh and hip muscles, making stairs hard. A respiratory physician explains steroid myopathy, why CK is normal, and how pulmonary rehab rebuilds strength.",
     "Dr. Farid Nasser", "Open Airways Diary", [], "Steroid myopathy in COPD.")
post("Duchenne gene therapy: one year on",
     "Families who enrolled boys with Duchenne muscular dystrophy in a gene therapy program share their first-year impressions. A neuromuscular specialist explains what the timed-rise results do and do not show.",
     "Hollis Grange", "Neuro Pipeline", [], "Muscular dystrophy.")
post("Myotonic dystrophy and anesthesia: tell your surgeon",
     "People with myotonic dystrophy can react badly to some anesthetic drugs and may need longer breathing support after surgery. A checklist to share before any planned procedure.",
     "Dr. Ines Kowalczyk", "Brightwater Clinic Newsroom", [], "Muscular dystrophy.")
post("Late-onset Pompe disease: life with fortnightly infusions",
     "Weak hips and breathlessness at 38 led to a dried blood spot test and a diagnosis of Pompe disease. I describe my enzyme replacement infusions every two weeks and how my walking test has changed.",
     "Tessa Langbroek", "Glycogen & Grit", [], "Metabolic myopathy (Pompe), not autoimmune.")
post("The forearm test that named McArdle disease",
     "Cramping early in every workout since childhood was finally explained when a forearm exercise test showed no rise in lactate. A metabolic clinic explains the genetic confirmation and sensible exercise plans.",
     "Tessa Langbroek", "Glycogen & Grit", [], "McArdle disease.")
post("Masticatory muscle myositis: when your dog can't open its mouth",
     "A young German shepherd that suddenly could not pick up its ball had masticatory muscle myositis, an immune attack on the jaw muscles. Our vet explains the antibody test, prednisone, and soft food during recovery.",
     "Dr. Colm Faherty, DVM", "Paws & Pills Vet Blog", [], "Veterinary.")
post("Canine polymyositis and megaesophagus",
     "Dogs with polymyositis may regurgitate food because the esophagus muscle weakens. Our veterinary neurologist covers the muscle biopsy, immunosuppressive treatment, and upright feeding chairs.",
     "Dr. Colm Faherty, DVM", "Paws & Pills Vet Blog", [], "Veterinary polymyositis: off-topic per rule 10.")
post("Generic price watch: what got cheaper this quarter",
     "Several common generics dropped in price this quarter, including some blood-pressure tablets and an asthma inhaler. Our table compares cash prices, discount cards, and mail-order options.",
     "Rex Durand", "BargainRx Blog", [], "Generic pharmacy post.")
post("How to read your prescription label",
     "Strength, quantity, refills, the lot number, and the small auxiliary stickers all mean something. Our pharmacist decodes a sample label line by line and explains what to do if anything looks wrong.",
     "Kofi Rennard", "RxLantern", [], "Generic pharmacy post.")
post("Do you really have to finish the antibiotic course?",
     "Advice on antibiotic length has shifted, and shorter courses now work for many infections. Our pharmacist explains when stopping early is fine, when it isn't, and why leftover pills should not be saved.",
     "Hattie Oyelaran, PharmD", "Pestle & Mortar Notes", [], "Generic pharmacy post.")
post("ACL reconstruction: waking up the quadriceps in week one",
     "After ACL surgery the thigh muscle often seems to switch off. Our physiotherapists explain quad sets, electrical stimulation, and straight-leg raises that restore control in the first days.",
     "Marit Solberg, PT", "CoreStrong Physio", [], "PT after ACL surgery.")
post("Our ten most-read posts of the year",
     "Readers' favorites this year included a guide to statin aches, a dermatomyositis sun-safety checklist, our generic-price tracker, a sleep hygiene explainer, and a piece on winter vitamin D. Links to all ten inside.",
     "Editorial Team", "Wellspring Weekly", [], "Roundup; myositis appears in passing.")
post("Please welcome Dr. Ottilie Marchetti to our rheumatology team",
     "Dr. Marchetti joins us from a university hospital and will see new patients from March. Her clinical interests include lupus, vasculitis, gout, and myositis, and she is a keen amateur cellist.",
     "Tallgrass Rheumatology", "Tallgrass Rheumatology", [], "Staff announcement; myositis in passing.")
post("Why are autoimmune diseases more common in women?",
     "From lupus and Sjogren's to multiple sclerosis, thyroid disease, and myositis, autoimmune conditions affect women more often. Researchers point to hormones, the X chromosome, and pregnancy-related immune changes.",
     "Wellspring Editors", "Wellspring Weekly", [], "General list of autoimmune diseases.")
post("Medicines that don't mix with grapefruit",
     "Grapefruit can raise levels of some blood-pressure drugs, statins, anti-rejection medicines such as tacrolimus and ciclosporin, and certain anti-anxiety tablets. Our printable list shows which to watch.",
     "Rex Durand", "BargainRx Blog", [], "Generic interaction list naming tacrolimus.")
post("Lupus nephritis: adding a newer drug to the standard combo",
     "Kidney involvement in lupus is now often treated with mycophenolate plus a newer add-on therapy. A nephrologist explains the urine protein targets and how long treatment lasts.",
     "Nadine Carrow, RN", "Joint Effort Blog", [], "Lupus; mycophenolate for another disease.")
post("Scleroderma fingers in winter: keeping Raynaud's attacks short",
     "People with scleroderma often have painful color changes in their fingers in the cold. Heated gloves, avoiding sudden temperature changes, and medicines that open blood vessels all help.",
     "Nadine Carrow, RN", "Joint Effort Blog", [], "Scleroderma/Raynaud's.")
post("Low vitamin D and weak hips in older adults",
     "Severe vitamin D deficiency can cause aching bones and weak hip muscles that make rising from a chair hard. A geriatrician explains the blood test, loading doses, and how long strength takes to return.",
     "Dr. Sanne Vos", "Mercy Valley Health Newsroom", [], "Vitamin D deficiency myopathy.")
post("Eyelid dermatitis: is it your mascara?",
     "Red, itchy, flaky eyelids are often contact dermatitis from cosmetics, nail polish transferred by fingers, or eye drops. A dermatologist explains patch testing and gentle routines while the skin heals.",
     "Dr. Mireille Aoun", "Derm Daylight", [], "Dermatitis look-alike.")
post("Split knuckles in the shop: a mechanic's winter hand routine",
     "Twenty years of solvents and cold steel left my hands cracked every winter. The barrier cream, nitrile gloves, and overnight ointment that finally worked for a working mechanic.",
     "Dale Kuzmich", "Grease & Gears", [], "Literal mechanics' hands.")
post("Antifibrotic pills for idiopathic pulmonary fibrosis",
     "Two antifibrotic drugs slow lung scarring in IPF. Our pulmonary pharmacist explains diarrhea management, liver tests, and taking tablets with food to make them easier to tolerate.",
     "Dr. Farid Nasser", "Open Airways Diary", [], "IPF; antifibrotics for another disease.")
post("Creatine supplements and a high creatinine result",
     "Gym-goers who take creatine may see a raised creatinine on routine kidney tests. A nephrologist explains why, which alternative test helps, and when a high number really means kidney trouble.",
     "Dr. Sanne Vos", "FieldFit Medicine", [], "Creatinine look-alike.")
post("Inclusion starts with hiring: our disability pledge",
     "We have signed a regional pledge on disability inclusion, with accessible interview formats, flexible hours, and a new staff network. Here is what changes for applicants this year.",
     "Brightwater Communications", "Brightwater Clinic Newsroom", [], "'Inclusion' look-alike.")
post("Post-exertional malaise: pacing with ME/CFS",
     "A crash a day or two after too much activity is the hallmark of ME/CFS. An occupational therapist explains heart-rate pacing, energy envelopes, and why graded exercise is no longer advised.",
     "Wellspring Editors", "Wellspring Weekly", [], "ME/CFS.")

# ---------------------------------------------------------------- parent (autoimmune-myopathy)
post("One family, five branches: a field guide to the myositis subtypes",
     "Dermatomyositis, polymyositis, inclusion body myositis, necrotizing myopathy, and antisynthetase syndrome share muscle inflammation but differ in rash, lungs, antibodies, and biopsy. A neuromuscular doctor explains the clues that sort them.",
     "Dr. Keziah Monroe", "Brightwater Clinic Newsroom", [AM, DX], "Overview of all five subtypes: parent only.")
post("Which kinds of myositis respond to immune globulin?",
     "Immune globulin infusions help many people with dermatomyositis, necrotizing myopathy, and polymyositis, but results in inclusion body myositis are disappointing. Our pharmacist summarizes where IVIG fits in each.",
     "Hattie Oyelaran, PharmD", "Pestle & Mortar Notes", [AM, TX], "Three-plus subtypes as a group: parent only.")
post("Rehab log, week 12: sit-to-stand without the armrests",
     "Twelve weeks of twice-weekly sessions with my physio and I can rise from a dining chair without pushing off. The exercise list, the soreness rules we use, and how my myositis fatigue shaped the plan.",
     "Ilse Varga", "Stubborn Quads", [AM, LW], "Myositis named once; PT is living-with.")
post("Decoding a myositis antibody panel",
     "A myositis blot can list more than fifteen antibodies, some specific and some only associated. Our lab explains strong versus weak bands, why a weak band alone rarely clinches anything, and when tests are repeated.",
     "Brightwater Lab Services", "Brightwater Clinic Newsroom", [AM, DX], "Antibody panels in general.")
post("Anti-PM/Scl: when myositis overlaps with scleroderma",
     "My panel came back anti-PM/Scl positive, and my doctors called it overlap myositis. Tight skin on my fingers, Raynaud's, and weak shoulders all fit. What the label means for the tests I now get every year.",
     "Agnieszka Roos", "Overlap & Onward", [AM, DX], "Overlap myositis with anti-PM/Scl: parent label.")
post("My prednisone taper calendar",
     "I print a month at a time and cross off each dose. How my rheumatologist stepped my myositis steroid dose down, what the withdrawal aches felt like at 7.5 mg, and the one week we had to go back up.",
     "Ilse Varga", "Stubborn Quads", [AM, TX], "Steroid tapering.")
post("Protecting your bones on long-term steroids for myositis",
     "Months of prednisone for myositis thin bones quickly. Our pharmacist explains calcium and vitamin D, when a bisphosphonate is started, and why a baseline bone density scan matters.",
     "Kofi Rennard", "RxLantern", [AM, TX], "Managing side effects of myositis drugs.")
post("Timing vaccines around rituximab when you have myositis",
     "Vaccines work poorly in the months after rituximab. Our infusion team explains how to schedule flu, pneumonia, and shingles shots around myositis infusions and why live vaccines are off the table.",
     "Brightwater Communications", "Brightwater Clinic Newsroom", [AM, TX], "")
post("Cancer after an inflammatory myopathy diagnosis: registry numbers",
     "A national registry of more than 3,000 people with idiopathic inflammatory myopathy found cancer risk highest in the first three years after diagnosis. The authors break results down by age and sex.",
     "Elena Marsh-Tobin", "Myo Lab Bulletin", [AM, RS], "Registry/epidemiology: research only.")
post("Autumn rheumatology meeting: myositis highlights",
     "From the congress floor: new patient-reported outcome tools, a natural-history cohort of early disease, and debate over how long remission should last before drugs are withdrawn. Our myositis picks from three busy days.",
     "Elena Marsh-Tobin", "Myo Lab Bulletin", [AM, RS], "Conference report.")
post("Purple ribbons on the river path: our myositis awareness walk",
     "More than two hundred walkers, some on scooters and some in wheelchairs, joined our five-kilometer awareness walk for myositis. Photos, the funds raised, and the story of the family who started it.",
     "Kindred Patients Journal", "Kindred Patients Journal", [AM, LW], "Awareness event.")
post("What I would tell myself on diagnosis day",
     "Find a physiotherapist early, say yes to the support group, and stop apologizing for resting. Six lessons from my first two years with myositis, written for the person I was in that clinic room.",
     "Ruben Castellanos", "Kindred Patients Journal", [AM, LW], "Vague title.")
post("Eighteen months of 'it's just your age'",
     "Three GPs told me weak arms at 52 were normal aging. A physiotherapist finally insisted on bloodwork; my CK was in the thousands, and a thigh MRI and biopsy showed inflammatory myopathy. The detours, in order.",
     "Lena Pabst", "Overlap & Onward", [AM, DX], "Misdiagnosis story, subtype not named.")
post("Checking the lungs in inflammatory myopathy",
     "Lung involvement is one of the biggest threats in idiopathic inflammatory myopathy. A pulmonologist explains why everyone gets baseline breathing tests, who needs a high-resolution chest CT, and how often to repeat them.",
     "Dr. Farid Nasser", "Open Airways Diary", [AM, DX], "IIM without subtype.")
post("Soft food, chin down: swallowing tips from a speech therapist",
     "Throat muscle weakness is common in myositis. A speech-language pathologist shares posture tricks, texture changes, and the warning signs of silent aspiration that mean you should ask for a swallow study.",
     "Brightwater Communications", "Brightwater Clinic Newsroom", [AM, LW], "Swallowing and diet: living-with.")
post("Anti-Ku positive: what does it mean?",
     "Anti-Ku is a myositis-associated antibody that often turns up in overlap conditions. Our lab specialist explains what a positive result suggests about muscles, joints, and lungs, and which other tests usually follow.",
     "Brightwater Lab Services", "Brightwater Clinic Newsroom", [AM, DX], "Myositis-associated antibody: parent.")
post("FcRn blocker trial for hard-to-treat myositis opens at three sites",
     "A placebo-controlled study of an FcRn-blocking antibody for adults with active idiopathic inflammatory myopathy despite standard therapy is now recruiting. We cover eligibility, infusion visits, and the primary endpoint.",
     "Hollis Grange", "Neuro Pipeline", [AM, TX, RS], "Trial of a therapy.")
post("Our IVIG appeal letter that finally worked",
     "The insurer rejected my myositis immune globulin twice. On the third try we included strength scores, failed drugs, and a specialist's letter. Here is the template and the timeline.",
     "Ruben Castellanos", "Kindred Patients Journal", [AM, TX], "Access/insurance for treatment.")
post("Myositis after 75: what a cohort study found",
     "Researchers followed 410 people whose inflammatory myopathy began after age 75. They were less likely to get steroid-sparing drugs and more likely to need nursing care, prompting calls for age-specific studies.",
     "Elena Marsh-Tobin", "Myo Lab Bulletin", [AM, RS], "Cohort study.")
post("The grief nobody mentions: mood after a myositis diagnosis",
     "Low mood in the first year after a myositis diagnosis is common and treatable. A health psychologist explains grief for the old body, when to ask for counseling, and how peers helped our readers.",
     "Wellspring Editors", "Wellspring Weekly", [AM, LW], "Mental health.")
post("Can muscle ultrasound screen for myositis? A pilot study",
     "In a pilot of 60 patients with unexplained weakness, a bedside ultrasound score picked out those later confirmed with inflammatory myopathy about as well as MRI. A larger study is planned.",
     "Elena Marsh-Tobin", "Myo Lab Bulletin", [AM, RS, DX], "Study about a test.")
post("Could my kids inherit my myositis?",
     "It is the first thing many parents ask. A clinical geneticist explains why myositis is not passed down like a single-gene disease, the small shift in risk for relatives, and why testing children is not useful.",
     "Dr. Keziah Monroe", "Brightwater Clinic Newsroom", [AM], "General Q&A; no aspect is the focus.")
post("Weekly methotrexate in myositis versus psoriasis: why doses differ",
     "People with myositis are often surprised that their methotrexate dose is higher than a friend's for psoriasis. Our pharmacist compares the usual ranges and explains liver checks and folic acid in myositis.",
     "Hattie Oyelaran, PharmD", "Pestle & Mortar Notes", [AM, TX], "Rule 7 comparison: subject is myositis use.")

# ---------------------------------------------------------------- dermatomyositis
post("The knuckle rash my GP called eczema",
     "Raised, scaly bumps over my knuckles didn't respond to eczema cream for months. A dermatologist recognized Gottron papules, ordered CK and an antibody panel, and a skin biopsy confirmed dermatomyositis.",
     "Nkechi Adebayo", "Rash Decisions", [DM, DX], "Eczema only as misdiagnosis.")
post("Violet eyelids: allergy or something more?",
     "Puffy lilac eyelids can look like an allergic reaction. Our dermatologists explain how the heliotrope sign, a shawl-pattern rash, and mild shoulder weakness together point toward dermatomyositis and which blood tests follow.",
     "Dr. Mireille Aoun", "Derm Daylight", [DM, DX], "")
post("Sodium thiosulfate for calcinosis: our JDM experiment",
     "Hard chalky lumps on our son's elbows kept breaking through the skin. His team tried topical and then intravenous sodium thiosulfate for the calcinosis of juvenile dermatomyositis. What changed over nine months, and the padded sleeves that let him play football at school again.",
     "Moira Halloran", "Little Muscles Family Blog", [DM, TX, LW], "")
post("Does hydroxychloroquine help dermatomyositis skin?",
     "Hydroxychloroquine is often the first tablet tried for the rash of dermatomyositis, though a drug rash is more common than in lupus. Our pharmacist covers dosing, eye exams, and how long to wait before judging it.",
     "Kofi Rennard", "RxLantern", [DM, TX], "Lupus only as comparison.")
post("Anti-SAE: the rare antibody on my report",
     "My dermatomyositis panel showed anti-SAE, which my rheumatologist said often comes with a striking rash first and muscle weakness later, plus some trouble swallowing. What else the result told my team to watch for.",
     "Nkechi Adebayo", "Rash Decisions", [DM, DX], "")
post("A rash, strong muscles, and a diagnosis of CADM",
     "My thighs were fine, my CK normal, but the rash on my chest and hands never left. Clinically amyopathic dermatomyositis was a diagnosis of skin biopsy and antibodies. How my doctors ruled out the muscle side, and why hydroxychloroquine came next.",
     "Aurelie Fontaine", "Skin in the Game", [DM, DX, TX], "")
post("Triple therapy for anti-MDA5 lung disease",
     "Anti-MDA5 positive dermatomyositis with fast-moving lung scarring is an emergency. Specialists explain the chest CT pattern and breathing-test drops that raise the alarm, and why high-dose steroids, a calcineurin inhibitor, and cyclophosphamide are often started together in the first week.",
     "Dr. Farid Nasser", "Open Airways Diary", [DM, DX, TX], "Anti-MDA5 ILD is DM, not ASyS.")
post("Calcinosis in adulthood: what a JDM registry learned",
     "A registry following children with juvenile dermatomyositis into their twenties found that one in four developed calcinosis, mostly when disease stayed active for years. Early control was the strongest protective factor.",
     "Elena Marsh-Tobin", "Myo Lab Bulletin", [DM, RS], "Registry: research only.")
post("Long-term extension data for IVIG in dermatomyositis",
     "People who finished a placebo-controlled immune globulin trial in dermatomyositis could stay on treatment for another year. Extension results show most kept their gains, with clots and headaches as the main risks.",
     "Hollis Grange", "Neuro Pipeline", [DM, TX, RS], "Trial results.")
post("An oral skin drug misses its goal in DM",
     "A phase 3 trial of an oral anti-inflammatory aimed at the skin disease of dermatomyositis did not beat placebo on its main rash score. Investigators are sifting subgroups before deciding what comes next.",
     "Hollis Grange", "Neuro Pipeline", [DM, TX, RS], "DM in myositis context.")
post("Rash guards and SPF 50: summer with DM",
     "Last July my DM rash flared after one beach day. This year I tried a long-sleeve rash guard, a wide hat, mineral sunscreen every two hours, and swimming before ten. A summer of notes on living with photosensitive skin.",
     "Aurelie Fontaine", "Skin in the Game", [DM, LW], "DM = dermatomyositis (skin context).")
post("Back to class after a JDM flare",
     "After six weeks off school, our daughter returned with a half-day timetable, a lift pass, and a rest corner in the library. How we planned the return with her teachers and the school nurse.",
     "Moira Halloran", "Little Muscles Family Blog", [DM, LW], "")
post("Tofacitinib for stubborn dermatomyositis skin: case notes",
     "When creams and methotrexate failed to clear her rash, a patient with dermatomyositis started a JAK inhibitor. A dermatologist shares the before-and-after photos, lab monitoring, and the shingles vaccine given first.",
     "Dr. Mireille Aoun", "Derm Daylight", [DM, TX], "JAK inhibitor for DM: on-topic.")
post("Your child's first muscle MRI: a JDM guide",
     "Many children with suspected juvenile dermatomyositis get a thigh MRI instead of a biopsy. A pediatric radiographer explains the noise, the sedation question, and what the bright areas on the scan show.",
     "Kestrel Pediatrics Team", "Kestrel Pediatrics Blog", [DM, DX], "")
post("Nailfold loops under a magnifier",
     "At my first rheumatology visit the doctor pressed oil onto my fingernail folds and looked with a dermatoscope. Dilated, dropping-out capillaries were one of the clues, along with the rash, that pointed to dermatomyositis.",
     "Nkechi Adebayo", "Rash Decisions", [DM, DX], "Vague title.")
post("Toddler logistics with dermatomyositis",
     "Lifting a two-year-old into a car seat with weak shoulders takes planning. Ramps for the stroller, a changing table at hip height, and help from grandparents: how I parent a toddler through dermatomyositis.",
     "Aurelie Fontaine", "Skin in the Game", [DM, LW], "")
post("The purple shadow under my eyes",
     "Everyone said I looked tired. Then my arms got too weak to blow-dry my hair, and a blood test showed a high CK. The shadow was a heliotrope rash, and dermatomyositis was the answer.",
     "Nkechi Adebayo", "Rash Decisions", [DM, DX], "Vague title.")
post("Steroids and growth in children with JDM",
     "Parents worry that months of prednisone will make their child shorter. A pediatric rheumatologist explains steroid-sparing drugs, height checks every visit, and the catch-up growth most children show later.",
     "Kestrel Pediatrics Team", "Kestrel Pediatrics Blog", [DM, TX], "Side effects of treatment.")
post("The interferon signature in juvenile dermatomyositis",
     "Laboratory scientists found that children with JDM have a strong type I interferon pattern in blood and muscle, which may explain the rash and blood vessel damage. What this mechanism study could mean long term.",
     "Elena Marsh-Tobin", "Myo Lab Bulletin", [DM, RS], "Mechanism study, not a test.")
post("Polymyositis or dermatomyositis? Why the skin matters",
     "The muscle weakness can look the same in polymyositis and dermatomyositis, so rheumatologists look closely at skin, nails, and biopsy features. We explain why the distinction affects cancer checks.",
     "Dr. Keziah Monroe", "Brightwater Clinic Newsroom", [DM, PM, DX], "Two subtypes: both, no parent.")
post("Planning a pregnancy after dermatomyositis",
     "I had to switch from mycophenolate to azathioprine a few months before trying to conceive. My rheumatologist and obstetrician explained which drugs are safe, how long to wait, and the extra scans we agreed on.",
     "Aurelie Fontaine", "Skin in the Game", [DM, TX], "Pregnancy planning around drugs.")
post("CAR-T cells for anti-MDA5 dermatomyositis: a case series",
     "Three patients with treatment-resistant anti-MDA5 dermatomyositis received CD19 CAR-T cells at one center. All came off steroids, and lung scans stabilized, but follow-up is only a year.",
     "Hollis Grange", "Neuro Pipeline", [DM, TX, RS], "")

# ---------------------------------------------------------------- polymyositis
post("Old biopsies, new names: is polymyositis disappearing?",
     "Pathologists re-read 180 muscle biopsies first labeled polymyositis. Under current criteria, many were reclassified as other forms, and only a minority kept the label. The authors argue the diagnosis needs stricter criteria.",
     "Elena Marsh-Tobin", "Myo Lab Bulletin", [PM, RS, DX], "Study about biopsy criteria.")
post("The TPMT test before azathioprine for PM",
     "Before starting azathioprine for PM, my rheumatologist ordered a TPMT enzyme test. Our pharmacist explains why low activity raises the risk of dangerous blood counts and how doses are adjusted.",
     "Kofi Rennard", "RxLantern", [PM, TX], "PM = polymyositis (azathioprine context).")
post("Lifting boxes again: my warehouse return with PM",
     "Nine months after my polymyositis diagnosis I went back to the warehouse on light duties. How occupational health, a trolley, and a stool at the packing bench made it possible.",
     "Terrence Abara", "Forklift & Flare", [PM, LW], "")
post("Polymyositis and the heart: why you got an ECG",
     "Polymyositis can occasionally inflame heart muscle too. A cardiologist explains why an ECG and troponin are done at diagnosis, and when a heart MRI is ordered to look for involvement.",
     "Dr. Keziah Monroe", "Brightwater Clinic Newsroom", [PM, DX], "")
post("Mycophenolate for polymyositis: a pharmacist's guide",
     "Mycophenolate is a common steroid-sparing choice in polymyositis. We cover stomach side effects, blood count checks, contraception requirements, and why it should not be crushed.",
     "Hattie Oyelaran, PharmD", "Pestle & Mortar Notes", [PM, TX], "")
post("Heavy weights are safe in polymyositis, small trial suggests",
     "In a 16-week randomized study, adults with stable polymyositis who did supervised resistance training gained strength without raising their CK or inflammation on MRI, compared with a stretching group.",
     "Hollis Grange", "Neuro Pipeline", [PM, LW, RS], "Exercise study: living-with + research, not treatment.")
post("Why I keep a grip-strength notebook",
     "Every Sunday I squeeze a cheap dynamometer three times and write the best score down. Over four years with polymyositis it has become my early warning and my best argument at clinic.",
     "Terrence Abara", "Forklift & Flare", [PM, LW], "Vague title; self-monitoring in daily life.")
post("Polymyositis in intensive care: when breathing muscles gave out",
     "A 60-year-old with polymyositis needed a ventilator after his breathing muscles weakened. His team used IV steroid pulses and immune globulin; weeks later he left the unit. Our ICU nurses recount the course and the months of rehabilitation that got him walking again.",
     "Brightwater Communications", "Brightwater Clinic Newsroom", [PM, TX, LW], "")
post("Cancer screening after a polymyositis diagnosis",
     "Polymyositis carries a smaller cancer link than dermatomyositis, but screening at diagnosis is still advised. Which scans and blood tests are usually done, and how long follow-up lasts.",
     "Dr. Keziah Monroe", "Brightwater Clinic Newsroom", [PM, DX], "DM only as comparison.")
post("Survival with polymyositis over three decades: a Nordic cohort",
     "A cohort covering three decades of polymyositis cases in two Nordic countries found survival improved steadily, with lung disease and infections the leading causes of death.",
     "Elena Marsh-Tobin", "Myo Lab Bulletin", [PM, RS], "")

# ---------------------------------------------------------------- inclusion body myositis
post("They thought it was a stroke. It was sIBM.",
     "My weak left hand and a fall sent me to a stroke unit, but the scans were clean. A year later a neurologist tested my finger flexors, ordered a biopsy, and found sporadic inclusion body myositis.",
     "Frank Delacroix", "Knees & Knuckles", [IBM, DX], "Stroke only as misdiagnosis.")
post("Anti-cN1A: a useful test for IBM or not?",
     "The anti-cN1A antibody turns up in many but not all people with IBM, and occasionally in other conditions. A neurologist explains how it supports the diagnosis and why a negative result does not rule it out.",
     "Dr. Keziah Monroe", "Brightwater Clinic Newsroom", [IBM, DX], "")
post("Why prednisone did nothing for my IBM",
     "I was first told I had polymyositis and spent a year on high-dose prednisone, getting weaker. When the diagnosis changed to IBM, my neurologist tapered me off. The side effects took longer to leave than the drug.",
     "Frank Delacroix", "Knees & Knuckles", [IBM, TX], "PM is the past misdiagnosis: no PM label. Focus is the steroid failure and withdrawal (treatment); diagnosis is borderline.")
post("Rollator, scooter, or wheelchair? My IBM decisions",
     "I resisted every mobility aid until the next fall made the choice for me. An honest comparison of the rollator, a folding scooter, and a power chair for life with inclusion body myositis.",
     "Harold Winslow", "The Long Hallway", [IBM, LW], "")
post("Chin tucks and soft bread: eating safely with sIBM",
     "My speech therapist taught me to tuck my chin and alternate sips and bites. The foods I gave up, the ones I mash now, and the habit of eating slower that kept my sIBM from ruining dinner out.",
     "Harold Winslow", "The Long Hallway", [IBM, LW], "")
post("IBM natural history study releases five-year data",
     "A multinational natural-history study tracked hundreds of people with inclusion body myositis for five years. Walking speed fell steadily and quadriceps strength declined faster than grip, findings that will shape future trials.",
     "Hollis Grange", "Neuro Pipeline", [IBM, RS], "")
post("Phase 2 trial of a T-cell depleting antibody in IBM opens",
     "A phase 2 study testing an antibody that targets highly cytotoxic T cells in inclusion body myositis is recruiting adults who can still walk. Infusions are monthly for a year; the main measure is a functional rating scale.",
     "Hollis Grange", "Neuro Pipeline", [IBM, TX, RS], "")
post("Grab bars and a raised seat: an IBM bathroom refit",
     "An occupational therapist visited and marked where to drill. What we installed, what it cost, and which grants helped pay for a bathroom that works with inclusion body myositis.",
     "Harold Winslow", "The Long Hallway", [IBM, LW], "")
post("Getting up off the floor with IBM",
     "Weak quadriceps make a fall a long wait. A physiotherapist demonstrates a roll-and-kneel technique using a sturdy chair, plus when to use a lifting cushion and how to practice safely.",
     "Marit Solberg, PT", "CoreStrong Physio", [IBM, LW], "PT: living-with.")
post("What 600 people with IBM told us about falls",
     "An online survey of 600 people with inclusion body myositis found that most had fallen in the past year and many feared going out alone. Researchers say the answers will shape a falls prevention program.",
     "Elena Marsh-Tobin", "Myo Lab Bulletin", [IBM, LW, RS], "Survey study = research; topic falls = living-with.")
post("My grip gave out on the coffee pot",
     "The pot slipped, the carpet stained, and I finally saw a neurologist. Weak finger flexors, weak thighs, and rimmed vacuoles on a forearm biopsy added up to inclusion body myositis at 64.",
     "Frank Delacroix", "Knees & Knuckles", [IBM, DX], "Vague title.")
post("Muscle MRI patterns in IBM",
     "Fatty change in the front of the thigh and the deep forearm flexors, with the rectus femoris often spared, is a pattern radiologists recognize in inclusion body myositis. Our radiologist shows examples.",
     "Brightwater Lab Services", "Brightwater Clinic Newsroom", [IBM, DX], "")
post("Filling in the disability forms with inclusion body myositis",
     "The benefit form asks what you can do on your worst day. I describe how I answered with sIBM, which evidence from my physiotherapist helped, and how the appeal went.",
     "Harold Winslow", "The Long Hallway", [IBM, LW], "")
post("Immune globulin for swallowing in IBM: worth a try?",
     "Small studies suggest IVIG may improve swallowing in some people with inclusion body myositis, even though it does not help limb strength. Our neurologist discusses who might get a trial course.",
     "Dr. Keziah Monroe", "Brightwater Clinic Newsroom", [IBM, TX], "")
post("The sIBM patient registry passes 1,000 members",
     "The international registry for sporadic inclusion body myositis now has more than 1,000 participants who update their symptoms online twice a year. Researchers use the data to plan trials and spot patterns.",
     "Kindred Patients Journal", "Kindred Patients Journal", [IBM, RS], "")
post("Retired firefighters ride for IBM",
     "Twelve retired firefighters cycled 400 kilometers to raise money and awareness for inclusion body myositis after a colleague was diagnosed. He followed in the support van and rang the bell at each stop.",
     "Kindred Patients Journal", "Kindred Patients Journal", [IBM, LW], "Awareness event.")

# ---------------------------------------------------------------- necrotizing myopathy
post("The cholesterol pill I stopped too late",
     "My legs got weaker after I quit my statin, not better. A CK of 11,000 and a positive anti-HMGCR antibody explained why: an autoimmune necrotizing myopathy, not the usual statin aches. Monthly IVIG and a short steroid course followed.",
     "Wendell Price", "Pills & Pushups", [NM, DX, TX], "Vague title; rule 6 autoimmune case.")
post("An HLA type linked to statin-associated IMNM",
     "A genetics study found that one HLA-DRB1 variant was far more common in people with statin-triggered anti-HMGCR myopathy than in statin users without it. Authors explain why the finding is not yet a screening test.",
     "Elena Marsh-Tobin", "Myo Lab Bulletin", [NM, RS], "Genetics study.")
post("IVIG as first-line therapy for anti-HMGCR myopathy",
     "Some specialists now start immune globulin early for anti-HMGCR myopathy, sometimes with little or no steroid. Our pharmacist reviews dosing, infusion timing, and how strength and CK are followed.",
     "Hattie Oyelaran, PharmD", "Pestle & Mortar Notes", [NM, TX], "")
post("Seronegative IMNM: when every antibody is negative",
     "About a third of people with necrotizing myopathy test negative for both anti-SRP and anti-HMGCR. A neuropathologist explains how the biopsy carries the diagnosis and which mimics must be excluded.",
     "Brightwater Lab Services", "Brightwater Clinic Newsroom", [NM, DX], "")
post("Complement inhibitor tested in IMNM",
     "A randomized trial of a complement-blocking injection in immune-mediated necrotizing myopathy has reported: CK fell, but strength scores did not separate from placebo. We look at what the investigators plan next.",
     "Hollis Grange", "Neuro Pipeline", [NM, TX, RS], "")
post("Back at my desk with NAM",
     "After four months off with necrotizing autoimmune myopathy, I returned to my accounting job two mornings a week. The phased plan, the parking permit, and how I explained the naps.",
     "Wendell Price", "Pills & Pushups", [NM, LW], "NAM abbreviation.")
post("Plenty of dead fibers, little inflammation: reading an IMNM biopsy",
     "Pathologists expect inflammation in myositis, but necrotizing myopathy shows dying and regenerating fibers with few immune cells. Why this surprises non-specialists and which stains help.",
     "Brightwater Lab Services", "Brightwater Clinic Newsroom", [NM, DX], "")
post("Prednisone hunger and IMNM",
     "High-dose steroids for my necrotizing myopathy made me ravenous and puffy. My dietitian and rheumatologist helped with blood sugar checks and a plan to protect my muscles as the dose came down, plus a daily walking routine that kept me sane.",
     "Wendell Price", "Pills & Pushups", [NM, TX, LW], "Steroid side effects during myositis treatment.")
post("How often do statin users develop anti-HMGCR myopathy?",
     "Using pharmacy and hospital records, epidemiologists estimated that only a few statin users per 100,000 each year develop anti-HMGCR myopathy. The risk was higher with atorvastatin and in older adults.",
     "Elena Marsh-Tobin", "Myo Lab Bulletin", [NM, RS], "Epidemiology.")
post("Caring for my brother through IMNM",
     "When my brother could no longer get off the toilet, I moved in. What I learned about transfers, respite care, and keeping my own job while caring for someone with immune-mediated necrotizing myopathy.",
     "Ottavia Brandt", "Kindred Patients Journal", [NM, LW], "")
post("Anti-SRP myopathy and the heart: a case series",
     "Among 42 patients with anti-SRP myopathy at two centers, nine had heart involvement on MRI or rhythm monitoring. The authors suggest routine heart checks at diagnosis.",
     "Elena Marsh-Tobin", "Myo Lab Bulletin", [NM, RS, DX], "Case series without a therapy (research); its point is screening tests for heart involvement at diagnosis (diagnosis).")
post("Spacing out IVIG once IMNM is quiet",
     "After two years of monthly immune globulin, my neurologist stretched the interval to six weeks, then eight. How we decided, what we measured, and the one month my CK crept up.",
     "Ottavia Brandt", "Kindred Patients Journal", [NM, TX], "")
post("Three CK results that changed everything",
     "My CK went from 900 to 4,000 to 9,500 while I was still being told to rest. The third number finally earned a referral, anti-SRP antibodies, and a biopsy showing necrotizing myopathy.",
     "Ottavia Brandt", "Kindred Patients Journal", [NM, DX], "Vague title; anti-SRP.")
post("A feeding tube bought me time with IMNM",
     "My throat muscles were too weak to keep weight on, so I had a PEG tube for seven months. How night feeds worked, how I kept eating small amounts for pleasure, and the day it came out.",
     "Wendell Price", "Pills & Pushups", [NM, LW], "Swallowing/diet.")

# ---------------------------------------------------------------- antisynthetase syndrome
post("Anti-PL-7 and a CT scan I did not expect",
     "My rheumatologist sent me for a chest CT after my antibody panel showed anti-PL-7, even though I barely coughed. It showed early lung scarring from antisynthetase syndrome. Why the scan mattered.",
     "Sigrid Alm", "Deep Breath Daily", [AS, DX], "")
post("Flying with ASyS and supplemental oxygen",
     "A high-altitude walk test, a letter for the airline, and a rented portable concentrator. How I planned my first long-haul flight with ASyS lung disease, and what I would skip next time.",
     "Sigrid Alm", "Deep Breath Daily", [AS, LW], "ASyS abbreviation.")
post("Nintedanib for scarring lungs in antisynthetase syndrome",
     "When lung fibrosis keeps progressing in antisynthetase syndrome despite immunosuppression, an antifibrotic may be added. Our pharmacist explains diarrhea, liver checks, and combining it with mycophenolate.",
     "Kofi Rennard", "RxLantern", [AS, TX], "Antifibrotic in ASyS: on-topic.")
post("Cracked fingertips and a dry cough",
     "The rough, split skin on the sides of my fingers appeared in the same month as a cough that wouldn't quit. A sharp-eyed dermatologist ordered an anti-PL-12 test and a chest CT.",
     "Sigrid Alm", "Deep Breath Daily", [AS, DX], "Vague title; anti-PL-12.")
post("Arthritis first: an antisynthetase syndrome registry analysis",
     "In a registry of 800 people with antisynthetase syndrome, one in five started with joint pain alone and were first treated for rheumatoid arthritis. Lung disease appeared later in many.",
     "Elena Marsh-Tobin", "Myo Lab Bulletin", [AS, RS], "RA only as initial misdiagnosis.")
post("JAK inhibitor trial for anti-Jo-1 lung disease begins",
     "A trial testing a JAK inhibitor added to standard therapy in anti-Jo-1 positive interstitial lung disease opened at five centers. We cover the breathing test endpoint and how to ask about eligibility.",
     "Hollis Grange", "Neuro Pipeline", [AS, TX, RS], "")
post("Gardening with antisynthetase syndrome",
     "Raised beds, a kneeling stool, and a mask for the compost heap. How I kept my vegetable garden going with weak hips, tired lungs, and mechanic's hands that hate soil.",
     "Piet Oosterveld", "Open Airways Diary", [AS, LW], "")
post("Six months of rituximab for ASyS: my infusion schedule",
     "Two infusions two weeks apart, then a repeat at six months. My notes on premedication, the itchy throat during the first dose, and how my breathing numbers moved on rituximab for ASyS.",
     "Piet Oosterveld", "Open Airways Diary", [AS, TX], "")
post("Proposed classification criteria for antisynthetase syndrome",
     "An international working group has published draft criteria for classifying antisynthetase syndrome, weighting the antibody, lung disease, myositis, and mechanic's hands. We explain the scoring.",
     "Elena Marsh-Tobin", "Myo Lab Bulletin", [AS, RS, DX], "Criteria: research + diagnosis.")
post("ASyS or IPF? Why the antibody test matters",
     "Lung scarring can look similar on CT in antisynthetase syndrome and idiopathic pulmonary fibrosis. A pulmonologist explains why an antisynthetase antibody panel belongs in the workup of every new case.",
     "Dr. Farid Nasser", "Open Airways Diary", [AS, DX], "IPF only as mimic.")
post("An anti-Jo-1 peer group that meets on Thursdays",
     "Our peer group for people with anti-Jo-1 antibodies and their partners meets online every second Thursday. Members swap notes on oxygen, fatigue, and holidays, and a nurse joins once a month.",
     "Brightwater Communications", "Brightwater Clinic Newsroom", [AS, LW], "")
post("Pneumonia prevention on rituximab and steroids for ASyS",
     "People with antisynthetase syndrome on rituximab and prednisone are at risk of Pneumocystis pneumonia. Our pharmacist explains the preventive antibiotic, its rash and blood count effects, and when it can stop.",
     "Hattie Oyelaran, PharmD", "Pestle & Mortar Notes", [AS, TX], "Managing risks of myositis drugs.")

def main():
    rnd = random.Random(20261201)
    seen = set()
    for title, summary, author, source, labels, note in P:
        h = hashlib.sha1(("blind:" + title).encode()).hexdigest()[:10]
        assert h not in seen, title
        seen.add(h)
        y = rnd.choice([2023, 2024, 2025])
        rec = {"id": "mf-" + h, "title": title, "summary": summary, "author": author,
               "published": f"{y}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
               "comments": rnd.choice([0, 0, 0, 1, 2, 3, 5, 8, 13, 21, 34]),
               "source": source, "labels": labels, "note": note}
        print(json.dumps(rec, ensure_ascii=False))

if __name__ == "__main__":
    main()
