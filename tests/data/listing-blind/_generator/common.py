import json, os, re, html as H
from datetime import datetime, timedelta, timezone

OUT = "/work/main/tests/data/listing-blind"
esc = lambda s: H.escape(s, quote=True)

EN = [
    ("Tired all the time: fatigue in dermatomyositis",
     "Fatigue in dermatomyositis is not the same as ordinary tiredness. I track my energy on a simple scale, plan rest before it is needed, and talk to my rheumatologist when the pattern changes."),
    ("What a muscle MRI can show in myositis",
     "A thigh MRI can show active inflammation as bright areas on fluid-sensitive images. Radiologists use it to choose a biopsy site and to check whether weakness comes from active disease or old damage."),
    ("IVIG infusion day: a practical checklist",
     "Drink plenty of water the day before, bring a warm layer, and ask for a slower rate if headaches follow. A nurse walks through what happens during a five-hour immunoglobulin infusion."),
    ("Anti-Jo-1 and the lungs: questions to ask at diagnosis",
     "Anti-Jo-1 antibodies point to antisynthetase syndrome, where interstitial lung disease can matter more than muscle weakness. Questions worth asking about breathing tests, CT scans and referral to a lung specialist."),
    ("Swallowing trouble in inclusion body myositis",
     "Up to half of people with inclusion body myositis develop difficulty swallowing. A speech therapist explains the warning signs, the swallow study, and simple changes to posture and food texture."),
    ("Statins and muscle pain: when to worry",
     "Most aches on a statin are mild and fade after a dose change. Weakness that keeps getting worse after stopping the drug, with a very high CK, needs a test for anti-HMGCR antibodies."),
    ("Starting methotrexate for polymyositis",
     "Methotrexate is often added so that steroids can be tapered sooner. Our pharmacist explains the weekly dose, folic acid, blood tests for the liver, and why alcohol is best kept to a minimum."),
    ("Gottron's papules or eczema? Skin signs of dermatomyositis",
     "Red, scaly bumps over the knuckles are easy to mistake for eczema. A dermatologist shows the skin signs that suggest dermatomyositis and explains when a skin biopsy helps."),
    ("Exercise is medicine, even with active myositis",
     "Supervised strength training does not worsen inflammation in most people with myositis. A physiotherapist shares a gentle starting plan and the signs that mean it is time to back off."),
    ("My first year with necrotizing myopathy",
     "Twelve months ago I could not climb onto a bus. Steroids, IVIG and a lot of patience later, I am back at work three days a week. What helped, what did not, and what I wish someone had told me."),
    ("Cancer screening after a dermatomyositis diagnosis",
     "Adults with dermatomyositis have a higher risk of cancer in the first years after diagnosis. Which scans and tests are usually recommended, and how often they are repeated."),
    ("Rituximab for refractory myositis: what to expect",
     "When steroids and other drugs are not enough, rituximab is often the next step. How the infusions work, how long before strength improves, and which infections to watch for."),
    ("Raised CK but no weakness: now what?",
     "A high creatine kinase on a routine blood test does not always mean myositis. Exercise, statins, thyroid problems and genetic conditions can all raise it. How doctors sort out the causes."),
    ("Juvenile dermatomyositis and school: a parent's guide",
     "Our daughter's teachers did not know what juvenile dermatomyositis was. The letter we wrote, the rest breaks we asked for, and how we handled sun protection on school trips."),
    ("Calcinosis in dermatomyositis: painful lumps under the skin",
     "Calcium deposits under the skin affect many children and some adults with dermatomyositis. Treatments are limited, but early control of inflammation seems to help. A review of the options."),
    ("Heliotrope rash: the purple eyelids that started it all",
     "A violet rash on my upper eyelids was the first sign of my dermatomyositis, months before any weakness. How it was diagnosed and how sun protection changed the rash."),
    ("Pacing with myositis: the spoon budget",
     "Energy is a budget when you live with myositis. Planning the week, splitting big tasks, and saying no without guilt helped me keep working and still enjoy weekends."),
    ("Antisynthetase syndrome: mechanic's hands explained",
     "Cracked, thickened skin on the sides of the fingers can be a clue to antisynthetase syndrome. What mechanic's hands look like and why they matter for the diagnosis."),
    ("Tapering prednisone without a flare",
     "Coming off steroids too quickly can trigger a flare, too slowly brings more side effects. Our specialist explains typical tapering steps and the signs that mean a pause is needed."),
    ("Grip strength and IBM: tools that help in the kitchen",
     "Weak finger flexors make jars, knives and taps hard work with inclusion body myositis. Jar openers, lever taps and lighter pans that made my kitchen usable again."),
    ("Myositis-specific antibodies: a plain guide",
     "Anti-Mi-2, anti-MDA5, anti-TIF1-gamma, anti-SRP: each antibody is linked with a different pattern of disease. A plain guide to what your antibody panel may mean for skin, lungs and muscles."),
    ("Travelling with myositis: airports and long flights",
     "Book assistance early, carry medicines in hand luggage with a doctor's letter, and move every hour on long flights. Lessons from a trip across three time zones."),
    ("Muscle biopsy: what happens on the day",
     "A muscle biopsy takes less than an hour under local anaesthetic. A nurse explains how the site is chosen, what it feels like, and how to care for the wound afterwards."),
    ("Vitamin D, bones and long-term steroids",
     "Long-term prednisone thins the bones. Calcium, vitamin D, a bone density scan, and sometimes a bisphosphonate can protect against fractures. What to ask your doctor."),
    ("Mycophenolate in myositis with lung disease",
     "Mycophenolate is widely used when myositis comes with interstitial lung disease. Our pharmacist covers dosing, stomach side effects, blood monitoring and pregnancy planning."),
    ("Walking aids without shame",
     "I resisted a cane for two years after my IBM diagnosis. Choosing the right aid, getting it fitted, and why a rollator gave me back my Saturday market walks."),
    ("Dysphagia diet: textures that are easier to swallow",
     "Soft, moist foods and thickened drinks can make meals safer when myositis affects swallowing. A dietitian shares recipes and tips for keeping meals enjoyable."),
    ("Overlap myositis and scleroderma",
     "Some people have features of both myositis and systemic sclerosis. Antibodies such as anti-PM/Scl help identify this overlap, which affects treatment and lung screening."),
    ("Pregnancy and dermatomyositis",
     "Planning a pregnancy with dermatomyositis means choosing medicines that are safe for the baby and aiming for stable disease first. Two mothers and an obstetrician share their experience."),
    ("Telehealth check-ups for rural myositis patients",
     "For patients who live hours from a specialist, video visits now replace some clinic appointments. What can be assessed by video, and when an in-person exam is still needed."),
]

AUTHORS = ["Harriet Calloway", "Dr. Jonas Weidemann", "Amara Okoye", "Rosalind Pike",
           "Dr. Priya Raman", "Tomasz Nowicki", "Eleni Papadaki", "Callum Fraser",
           "Marguerite Delacroix", "Dr. Owen Ashby", "Sigrun Holm", "Nkechi Eze"]

UTC = timezone.utc

def tz(h, m=0):
    return timezone(timedelta(hours=h, minutes=m))

def slugify(t):
    import unicodedata
    s = unicodedata.normalize("NFKD", t.replace("ø", "o").replace("Ø", "O").replace("æ", "ae").replace("Æ", "Ae").replace("ß", "ss"))
    s = s.encode("ascii", "ignore").decode().lower()
    s = re.sub(r"[’']", "", s)
    s = re.sub(r"[^a-z0-9äöüßéèàçñíóúìòù]+", "-", s).strip("-")
    return "-".join(s.split("-")[:7])

def iso(dt):
    return dt.isoformat()

def trunc(text, words):
    w = text.split()
    if len(w) <= words:
        return text, False
    while words < len(w) and w[words - 1][-1] in ".!?":
        words += 1
    if words >= len(w):
        return text, False
    return " ".join(w[:words]).rstrip(",;:"), True

def write(name, base_url, as_of, html_text, items, encoding="utf-8"):
    with open(os.path.join(OUT, name + ".html"), "wb") as f:
        f.write(html_text.encode(encoding))
    truth = {"base_url": base_url, "as_of": as_of, "items": items}
    with open(os.path.join(OUT, name + ".truth.json"), "w", encoding="utf-8") as f:
        json.dump(truth, f, ensure_ascii=False, indent=2)
        f.write("\n")
    for it in items:
        assert set(it) == {"title", "url", "author", "published", "comments", "summary"}, it
        assert it["url"].startswith("http"), it
        assert "  " not in it["summary"] and it["summary"] == it["summary"].strip()

def item(title, url, author, published, comments, summary):
    return dict(title=title, url=url, author=author, published=published,
                comments=comments, summary=" ".join(summary.split()))

def pick(start, n):
    return [EN[(start + i) % len(EN)] for i in range(n)]
