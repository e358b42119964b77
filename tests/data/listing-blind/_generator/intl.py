from common import *
from wp import long_us, MONTHS
SH = ["Jan","Feb","Mar","Apr","May","Jun","Jul","Aug","Sep","Oct","Nov","Dec"]

DE = [
    ("Müdigkeit bei Dermatomyositis: Was wirklich hilft",
     "Die Erschöpfung bei Dermatomyositis ist mehr als normale Müdigkeit. Ich führe ein Energietagebuch, plane Pausen ein und spreche Veränderungen früh bei meiner Rheumatologin an."),
    ("Muskel-MRT bei Myositis: Was das Bild zeigt",
     "Ein MRT der Oberschenkel zeigt aktive Entzündung als helle Bereiche. So lässt sich die beste Stelle für eine Biopsie finden und alte Schäden von aktiver Erkrankung unterscheiden."),
    ("IVIG-Infusion: Eine Checkliste für den Tag",
     "Viel trinken, eine warme Jacke mitnehmen und bei Kopfschmerzen um eine langsamere Laufrate bitten. Eine Pflegekraft erklärt den Ablauf einer fünfstündigen Immunglobulin-Infusion."),
    ("Schluckbeschwerden bei Einschlusskörpermyositis",
     "Bis zur Hälfte der Betroffenen mit Einschlusskörpermyositis entwickelt Schluckstörungen. Eine Logopädin erklärt Warnzeichen, die Schluckuntersuchung und einfache Anpassungen beim Essen."),
    ("Statine und Muskelschmerzen: Wann wird es ernst?",
     "Die meisten Beschwerden unter Statinen sind harmlos. Nimmt die Schwäche nach dem Absetzen weiter zu und bleibt die CK sehr hoch, sollte auf Anti-HMGCR-Antikörper getestet werden."),
    ("Methotrexat bei Polymyositis: Der Start",
     "Methotrexat wird oft ergänzt, damit Kortison schneller reduziert werden kann. Unsere Apothekerin erklärt Wochendosis, Folsäure, Leberwerte und warum Alkohol besser tabu bleibt."),
    ("Sport trotz aktiver Myositis?",
     "Angeleitetes Krafttraining verschlimmert die Entzündung bei den meisten Betroffenen nicht. Ein Physiotherapeut zeigt einen sanften Einstieg und sagt, wann man bremsen sollte."),
]
FR = [
    ("Fatigue et dermatomyosite : mes astuces au quotidien",
     "La fatigue de la dermatomyosite n’a rien à voir avec un simple coup de barre. Je note mon énergie chaque jour, je planifie des pauses et j’en parle à ma rhumatologue."),
    ("IRM musculaire : ce que l’image révèle",
     "L’IRM des cuisses montre l’inflammation active sous forme de zones claires. Elle aide à choisir le site de la biopsie et à distinguer la maladie active des séquelles."),
    ("Une journée de perfusion d’IgIV",
     "Bien s’hydrater la veille, prévoir un gilet et demander un débit plus lent en cas de maux de tête. Une infirmière raconte le déroulement d’une perfusion de cinq heures."),
    ("Troubles de la déglutition dans la myosite à inclusions",
     "Jusqu’à la moitié des personnes atteintes de myosite à inclusions ont du mal à avaler. Une orthophoniste décrit les signes d’alerte et les adaptations de posture et de textures."),
    ("Statines et douleurs musculaires : quand s’inquiéter ?",
     "La plupart des douleurs sous statine sont bénignes. Une faiblesse qui s’aggrave après l’arrêt du traitement, avec des CPK très élevées, doit faire rechercher des anticorps anti-HMGCR."),
    ("Débuter le méthotrexate",
     "Le méthotrexate permet souvent de diminuer plus vite la cortisone. Notre pharmacienne explique la dose hebdomadaire, l’acide folique et la surveillance du foie."),
]
ES = [
    ("Cansancio y dermatomiositis: lo que me funciona",
     "El cansancio de la dermatomiositis no es un agotamiento normal. Llevo un diario de energía, planifico descansos y hablo con mi reumatóloga cuando algo cambia."),
    ("Resonancia muscular en la miositis",
     "La resonancia de los muslos muestra la inflamación activa como zonas brillantes. Sirve para elegir dónde hacer la biopsia y para distinguir la enfermedad activa del daño antiguo."),
    ("Mi día de infusión de inmunoglobulinas",
     "Beber mucha agua el día anterior, llevar una chaqueta y pedir un ritmo más lento si aparece dolor de cabeza. Una enfermera explica cómo es una infusión de cinco horas."),
    ("Estatinas y dolor muscular: cuándo preocuparse",
     "La mayoría de las molestias con estatinas son leves. Si la debilidad empeora después de dejar el fármaco y la CK sigue muy alta, hay que buscar anticuerpos anti-HMGCR."),
    ("Empezar con metotrexato",
     "El metotrexato se añade a menudo para bajar antes los corticoides. Nuestra farmacéutica explica la dosis semanal, el ácido fólico y los análisis del hígado."),
    ("Ejercicio con miositis activa",
     "El entrenamiento de fuerza supervisado no empeora la inflamación en la mayoría de los pacientes. Un fisioterapeuta propone un plan suave para empezar."),
    ("Disfagia: texturas más fáciles de tragar",
     "Los alimentos blandos y las bebidas espesadas hacen más seguras las comidas cuando la miositis afecta a la deglución. Una dietista comparte recetas y consejos."),
]
IT = [
    ("Stanchezza e dermatomiosite: cosa mi aiuta",
     "La stanchezza della dermatomiosite non è la normale fatica. Tengo un diario dell’energia, programmo le pause e ne parlo con la mia reumatologa."),
    ("Risonanza muscolare nella miosite",
     "La risonanza delle cosce mostra l’infiammazione attiva come aree chiare. Aiuta a scegliere il punto della biopsia e a distinguere la malattia attiva dai danni vecchi."),
    ("Giornata di infusione di immunoglobuline",
     "Bere molto il giorno prima, portare una maglia e chiedere una velocità più lenta in caso di mal di testa. Un’infermiera racconta un’infusione di cinque ore."),
    ("Statine e dolori muscolari: quando preoccuparsi",
     "La maggior parte dei dolori da statine è lieve. Se la debolezza peggiora dopo la sospensione e il CK resta molto alto, vanno cercati gli anticorpi anti-HMGCR."),
    ("Iniziare il metotrexato",
     "Il metotrexato viene spesso aggiunto per ridurre prima il cortisone. La nostra farmacista spiega la dose settimanale, l’acido folico e gli esami del fegato."),
    ("Disfagia: consistenze più facili da deglutire",
     "Cibi morbidi e bevande addensate rendono i pasti più sicuri quando la miosite colpisce la deglutizione. Una dietista condivide ricette e consigli."),
]
NL = [
    ("Vermoeidheid bij dermatomyositis: wat mij helpt",
     "De vermoeidheid bij dermatomyositis is geen gewone moeheid. Ik houd een energiedagboek bij, plan rustmomenten en bespreek veranderingen met mijn reumatoloog."),
    ("Spier-MRI bij myositis: wat de scan laat zien",
     "Een MRI van de bovenbenen toont actieve ontsteking als lichte plekken. Zo kiest de arts de beste plek voor een biopsie en onderscheidt hij actieve ziekte van oude schade."),
    ("Een dag aan het IVIG-infuus",
     "Drink de dag ervoor goed, neem een vest mee en vraag om een lagere snelheid bij hoofdpijn. Een verpleegkundige vertelt hoe een infuus van vijf uur verloopt."),
    ("Statines en spierpijn: wanneer ongerust worden?",
     "De meeste klachten bij statines zijn mild. Wordt de zwakte erger na het stoppen en blijft het CK erg hoog, dan moet getest worden op anti-HMGCR-antistoffen."),
    ("Beginnen met methotrexaat",
     "Methotrexaat wordt vaak toegevoegd zodat prednison sneller kan worden afgebouwd. Onze apotheker legt de weekdosis, foliumzuur en de leverwaarden uit."),
    ("Slikproblemen bij inclusion body myositis",
     "Tot de helft van de mensen met inclusion body myositis krijgt moeite met slikken. Een logopedist beschrijft de waarschuwingssignalen en eenvoudige aanpassingen."),
    ("Bewegen met actieve myositis",
     "Begeleide krachttraining maakt de ontsteking bij de meeste patiënten niet erger. Een fysiotherapeut geeft een rustig startschema."),
]

DE_M = ["Januar","Februar","März","April","Mai","Juni","Juli","August","September","Oktober","November","Dezember"]
FR_M = ["janvier","février","mars","avril","mai","juin","juillet","août","septembre","octobre","novembre","décembre"]
ES_M = ["enero","febrero","marzo","abril","mayo","junio","julio","agosto","septiembre","octubre","noviembre","diciembre"]
IT_M = ["gennaio","febbraio","marzo","aprile","maggio","giugno","luglio","agosto","settembre","ottobre","novembre","dicembre"]
NL_M = ["januari","februari","maart","april","mei","juni","juli","augustus","september","oktober","november","december"]
NL_D = ["maandag","dinsdag","woensdag","donderdag","vrijdag","zaterdag","zondag"]
ES_D = ["lunes","martes","miércoles","jueves","viernes","sábado","domingo"]

# ---------------------------------------------------------------- German WordPress (twentytwenty-like), "vor 2 Tagen"
def german():
    host = "https://www.myositis-selbsthilfe.example"
    base = host + "/thema/behandlung/"
    as_of = "2025-11-20T11:00:00Z"
    dates = [("vor 2 Tagen", "2025-11-18"), None, None, None, None, None, None]
    ds = [None, datetime(2025, 10, 14), datetime(2025, 9, 3), datetime(2025, 7, 1), datetime(2025, 3, 27), datetime(2025, 1, 5), datetime(2024, 12, 11)]
    authors = ["Jutta Behrendt", "Dr. Lars Üzümcü", "Jutta Behrendt", "Redaktion", "Jutta Behrendt", "Dr. Lars Üzümcü", "Jutta Behrendt"]
    com = [("Schreibe einen Kommentar", 0), ("3 Kommentare", 3), ("1 Kommentar", 1), ("Keine Kommentare", 0), ("12 Kommentare", 12), ("Kommentare deaktiviert", None), ("2 Kommentare", 2)]
    cards, items = [], []
    for i, (t, s) in enumerate(DE):
        url = f"{host}/{slugify(t)}/"
        if dates[i]:
            vis, tr = dates[i]
        else:
            d = ds[i]; vis = f"{d.day}. {DE_M[d.month-1]} {d.year}"; tr = d.date().isoformat()
        ex, cut = trunc(s, 22)
        ct, cn = com[i]
        if cn is None:
            cl = f'<li class="post-comment-link meta-wrapper"><span class="meta-icon"><span class="screen-reader-text">Kommentare</span></span><span class="meta-text"><span>{ct}<span class="screen-reader-text"> für {esc(t)}</span></span></span></li>'
        else:
            cl = f'<li class="post-comment-link meta-wrapper"><span class="meta-icon"><span class="screen-reader-text">Kommentare</span></span><span class="meta-text"><a href="{url}#{"respond" if cn == 0 else "comments"}">{ct}<span class="screen-reader-text"> zu {esc(t)}</span></a></span></li>'
        cards.append(f"""
<article class="post-{200+i} post type-post status-publish format-standard hentry category-behandlung" id="post-{200+i}">
	<header class="entry-header has-text-align-center">
		<div class="entry-header-inner section-inner medium">
			<div class="entry-categories"><span class="screen-reader-text">Kategorien</span><div class="entry-categories-inner"><a href="{host}/thema/behandlung/" rel="category tag">Behandlung</a></div></div>
			<h2 class="entry-title heading-size-1"><a href="{url}">{esc(t)}</a></h2>
			<div class="post-meta-wrapper post-meta-single post-meta-single-top">
				<ul class="post-meta">
					<li class="post-author meta-wrapper"><span class="meta-icon"><span class="screen-reader-text">Beitragsautor</span></span><span class="meta-text">Von <a href="{host}/author/{slugify(authors[i])}/">{esc(authors[i])}</a></span></li>
					<li class="post-date meta-wrapper"><span class="meta-icon"><span class="screen-reader-text">Beitragsdatum</span></span><span class="meta-text"><a href="{url}">{vis}</a></span></li>
					{cl}
				</ul>
			</div>
		</div>
	</header>
	<div class="post-inner thin">
		<div class="entry-content"><p>{esc(ex)}{" […]" if cut else ""}</p>
<p class="more-link-wrap"><a href="{url}" class="more-link">Weiterlesen<span class="screen-reader-text"> &#8222;{esc(t)}&#8220;</span></a></p></div>
	</div>
</article>
<hr class="post-separator styled-separator is-style-wide section-inner" aria-hidden="true" />""")
        items.append(item(t, url, authors[i], tr, cn, ex))
    page = f"""<!DOCTYPE html>
<html class="no-js" lang="de-DE">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Behandlung &#8211; Myositis Selbsthilfe</title>
<link rel="alternate" type="application/rss+xml" title="Myositis Selbsthilfe &raquo; Behandlung Kategorie-Feed" href="{host}/thema/behandlung/feed/" />
</head>
<body class="archive category category-behandlung category-4 wp-embed-responsive enable-search-modal has-no-pagination showing-comments show-avatars footer-top-visible">
<a class="skip-link screen-reader-text" href="#site-content">Zum Inhalt springen</a>
<header id="site-header" class="header-footer-group"><div class="header-inner section-inner"><div class="header-titles-wrapper"><div class="header-titles"><div class="site-title faux-heading"><a href="{host}/">Myositis Selbsthilfe</a></div><div class="site-description">Gemeinsam stark bei Muskelentzündungen</div></div></div>
<div class="header-navigation-wrapper"><nav class="primary-menu-wrapper" aria-label="Horizontal"><ul class="primary-menu reset-list-style"><li class="menu-item"><a href="{host}/">Start</a></li><li class="menu-item"><a href="{host}/gruppen/">Gruppen vor Ort</a></li><li class="menu-item current-menu-item"><a href="{host}/thema/behandlung/">Behandlung</a></li><li class="menu-item"><a href="{host}/kontakt/">Kontakt</a></li></ul></nav></div></div></header>
<main id="site-content">
	<header class="archive-header has-text-align-center header-footer-group"><div class="archive-header-inner section-inner medium"><h1 class="archive-title"><span class="color-accent">Kategorie:</span> <span>Behandlung</span></h1><div class="archive-subtitle section-inner thin max-percentage intro-text"><p>Medikamente, Infusionen und Therapien bei Myositis &ndash; verständlich erklärt von unserem Fachbeirat und von Betroffenen.</p></div></div></header>
{"".join(cards)}
	<div class="pagination-wrapper section-inner"><hr class="styled-separator pagination-separator is-style-wide" aria-hidden="true" /><nav class="navigation pagination" aria-label="Beiträge"><h2 class="screen-reader-text">Beitrags-Navigation</h2><div class="nav-links"><span aria-current="page" class="page-numbers current">1</span><a class="page-numbers" href="{host}/thema/behandlung/page/2/">2</a><a class="next page-numbers" href="{host}/thema/behandlung/page/2/"><span aria-hidden="true">Ältere</span> <span class="nav-short">Beiträge</span> <span aria-hidden="true">&rarr;</span></a></div></nav></div>
</main>
<div class="footer-nav-widgets-wrapper header-footer-group"><div class="footer-inner section-inner"><aside class="footer-widgets-outer-wrapper"><div class="footer-widgets-wrapper"><div class="footer-widgets column-one grid-item"><div class="widget widget_recent_entries"><div class="widget-content"><h2 class="widget-title subheading heading-size-3">Neueste Beiträge</h2><nav aria-label="Neueste Beiträge"><ul>{"".join(f'<li><a href="{host}/{slugify(t)}/">{esc(t)}</a><span class="post-date">{k+2}. Mai 2024</span></li>' for k, (t, _) in enumerate(DE[4:]))}</ul></nav></div></div></div></div></aside></div></div>
<footer id="site-footer" class="header-footer-group"><div class="section-inner"><div class="footer-credits"><p class="footer-copyright">&copy; 2025 <a href="{host}/">Myositis Selbsthilfe</a></p><p class="powered-by-wordpress"><a href="https://de.wordpress.example/">Stolz präsentiert von WordPress</a></p></div><a class="to-the-top" href="#site-header"><span class="to-the-top-long">Nach oben</span></a></div></footer>
</body>
</html>"""
    write("de-wordpress-twentytwenty", base, as_of, page, items)

# ---------------------------------------------------------------- French custom blog, "il y a 5 jours", "1er"
def french():
    host = "https://www.vivre-avec-la-myosite.example"
    base = host + "/categorie/temoignages"
    as_of = "2025-11-20T16:00:00Z"
    vis = ["hier", "il y a 5 jours", "1er octobre 2025", "12 septembre 2025", "3 juillet 2025", "28 février 2025"]
    tru = ["2025-11-19", "2025-11-15", "2025-10-01", "2025-09-12", "2025-07-03", "2025-02-28"]
    authors = ["Hélène Marchetti", "Benoît Lefèvre", "Hélène Marchetti", "Zoé N’Diaye", "Benoît Lefèvre", "Hélène Marchetti"]
    com = [("Aucun commentaire", 0), ("1 commentaire", 1), ("7 commentaires", 7), ("Aucun commentaire", 0), ("2 commentaires", 2), ("15 commentaires", 15)]
    cards, items = [], []
    for i, (t, s) in enumerate(FR):
        path = f"/{slugify(t)}"
        cards.append(f"""
      <div class="carte-article">
        <a class="carte-article__vignette" href="{path}"><img src="/images/vignettes/{i}.jpg" alt=""></a>
        <div class="carte-article__contenu">
          <h2 class="carte-article__titre"><a href="{path}">{esc(t)}</a></h2>
          <div class="carte-article__infos">
            <span class="auteur">Par {esc(authors[i])}</span> &ndash;
            <span class="date">{vis[i]}</span> &ndash;
            <a class="nb-commentaires" href="{path}#commentaires">{com[i][0]}</a>
          </div>
          <p class="carte-article__chapo">{esc(s)}</p>
          <a class="lire-la-suite" href="{path}">Lire la suite &rarr;</a>
        </div>
      </div>""")
        items.append(item(t, host + path, authors[i], tru[i], com[i][1], s))
    page = f"""<!DOCTYPE html>
<html lang="fr-FR">
<head>
  <meta charset="utf-8">
  <title>Témoignages – Vivre avec la myosite</title>
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="description" content="Témoignages de patients atteints de myosite et de leurs proches.">
</head>
<body class="page-categorie">
  <div class="bandeau-cookies">Ce site utilise des cookies. <a href="/confidentialite">En savoir plus</a> <button>J’accepte</button></div>
  <header class="entete">
    <a class="entete__logo" href="/">Vivre avec la myosite</a>
    <nav class="entete__menu"><a href="/">Accueil</a> <a href="/categorie/temoignages" class="actif">Témoignages</a> <a href="/categorie/medecine">Médecine</a> <a href="/association">L’association</a> <a href="/adherer">Adhérer</a></nav>
  </header>
  <div class="conteneur">
    <main class="principal">
      <h1>Témoignages</h1>
      <div class="intro-categorie"><p>Des patients et des proches racontent leur quotidien avec une myosite : le diagnostic, les traitements, le travail, la famille.</p></div>
      <div class="liste-articles">
{"".join(cards)}
      </div>
      <nav class="pagination"><span class="courante">1</span> <a href="/categorie/temoignages?page=2">2</a> <a href="/categorie/temoignages?page=2" rel="next">Articles plus anciens &raquo;</a></nav>
    </main>
    <aside class="barre-laterale">
      <div class="bloc"><h3>Les plus lus</h3><ul>{"".join(f'<li><a href="/{slugify(t)}">{esc(t)}</a><br><small>{k+4} mars 2024 &ndash; {k*3+2} commentaires</small></li>' for k, (t, _) in enumerate(FR[3:5]))}</ul></div>
      <div class="bloc"><h3>Agenda</h3><p>Réunion d’information le 6 décembre à Lyon.</p></div>
    </aside>
  </div>
  <footer class="pied"><p>© 2025 Association Vivre avec la myosite – <a href="/mentions-legales">Mentions légales</a></p></footer>
</body>
</html>"""
    write("fr-relative-dates", base, as_of, page, items)

# ---------------------------------------------------------------- Spanish Blogger (classic layout, date headers, abbr title)
def spanish_blogger():
    host = "https://miositisyyo.blogspot.example"
    base = host + "/search/label/tratamiento"
    as_of = "2025-11-20T12:00:00Z"
    pub = [datetime(2025, 11, 10, 18, 30, tzinfo=tz(1)), datetime(2025, 11, 10, 9, 12, tzinfo=tz(1)), datetime(2025, 9, 26, 20, 5, tzinfo=tz(2)),
           datetime(2025, 6, 2, 11, 45, tzinfo=tz(2)), datetime(2025, 3, 15, 17, 0, tzinfo=tz(1)), datetime(2025, 1, 8, 10, 20, tzinfo=tz(1)), datetime(2024, 12, 24, 13, 33, tzinfo=tz(1))]
    authors = ["Lucía Fernández", "Lucía Fernández", "Íñigo Garmendia", "Lucía Fernández", "Íñigo Garmendia", "Lucía Fernández", "Lucía Fernández"]
    com = [("3 comentarios:", 3), ("No hay comentarios:", 0), ("1 comentario:", 1), ("No hay comentarios:", 0), ("8 comentarios:", 8), ("2 comentarios:", 2), ("No hay comentarios:", 0)]
    blocks, items = [], []
    cur = None
    for i, (t, s) in enumerate(ES):
        p = pub[i]
        url = f"{host}/{p.year}/{p.month:02d}/{slugify(t)[:38].rstrip('-')}.html"
        post = f"""
<div class="post-outer">
<div class="post hentry uncustomized-post-template" itemprop="blogPost" itemscope="itemscope" itemtype="http://schema.org/BlogPosting">
<meta content="{host}/img/{i}.jpg" itemprop="image_url">
<meta content="7214{i}" itemprop="blogId">
<meta content="55{i}0" itemprop="postId">
<a name="55{i}0"></a>
<h3 class="post-title entry-title" itemprop="name">
<a href="{url}">{esc(t)}</a>
</h3>
<div class="post-header"><div class="post-header-line-1"></div></div>
<div class="post-body entry-content" id="post-body-55{i}0" itemprop="description articleBody">
{esc(s)}
<div style="clear: both;"></div>
</div>
<div class="post-footer">
<div class="post-footer-line post-footer-line-1">
<span class="post-author vcard">
Publicado por
<span class="fn" itemprop="author" itemscope="itemscope" itemtype="http://schema.org/Person">
<meta content="https://www.blogger.example/profile/1{i}" itemprop="url">
<a class="g-profile" href="https://www.blogger.example/profile/1{i}" rel="author" title="author profile">
<span itemprop="name">{esc(authors[i])}</span>
</a>
</span>
</span>
<span class="post-timestamp">
en
<meta content="{url}" itemprop="url">
<a class="timestamp-link" href="{url}" rel="bookmark" title="permanent link"><abbr class="published" itemprop="datePublished" title="{iso(p)}">{p.hour}:{p.minute:02d}</abbr></a>
</span>
<span class="post-comment-link">
<a class="comment-link" href="{url}#comment-form" onclick="">
{com[i][0]}
</a>
</span>
<span class="post-icons"><span class="item-control blog-admin pid-1"><a href="https://www.blogger.example/post-edit.g?blogID=7214&amp;postID=55{i}0&amp;from=pencil" title="Editar entrada"><img alt="" class="icon-action" height="18" src="https://resources.blogblog.example/img/icon18_edit_allbkg.gif" width="18"></a></span></span>
</div>
<div class="post-footer-line post-footer-line-2"><span class="post-labels">Etiquetas: <a href="{host}/search/label/tratamiento" rel="tag">tratamiento</a></span></div>
</div>
</div>
</div>"""
        day = p.date()
        if day != cur:
            if cur is not None:
                blocks.append("</div></div>")
            blocks.append(f"""
<div class="date-outer">
<h2 class="date-header"><span>{ES_D[p.weekday()]}, {p.day} de {ES_M[p.month-1]} de {p.year}</span></h2>
<div class="date-posts">""")
            cur = day
        blocks.append(post)
        items.append(item(t, url, authors[i], iso(p), com[i][1], s))
    blocks.append("</div></div>")
    page = f"""<!DOCTYPE html>
<html class="v2" dir="ltr" lang="es" xmlns="http://www.w3.org/1999/xhtml" xmlns:b="http://www.google.com/2005/gml/b" xmlns:data="http://www.google.com/2005/gml/data" xmlns:expr="http://www.google.com/2005/gml/expr">
<head>
<meta content="width=1100" name="viewport"/>
<meta content="text/html; charset=UTF-8" http-equiv="Content-Type"/>
<title>La miositis y yo: tratamiento</title>
<link rel="alternate" type="application/atom+xml" title="La miositis y yo - Atom" href="{host}/feeds/posts/default" />
<link rel="alternate" type="application/rss+xml" title="La miositis y yo - RSS" href="{host}/feeds/posts/default?alt=rss" />
</head>
<body class="loading variant-simplysimple">
<div class="content"><div class="content-outer"><div class="content-inner">
<header><div class="header-outer"><div class="header section" id="header"><div class="widget Header" id="Header1"><div id="header-inner"><div class="titlewrapper"><h1 class="title"><a href="{host}/">La miositis y yo</a></h1></div><div class="descriptionwrapper"><p class="description"><span>Diario de una paciente con dermatomiositis en Bilbao</span></p></div></div></div></div></div></header>
<div class="tabs-outer"><div class="tabs section" id="crosscol"><div class="widget PageList" id="PageList1"><div class="widget-content"><ul><li><a href="{host}/">Inicio</a></li><li><a href="{host}/p/sobre-mi.html">Sobre mí</a></li></ul></div></div></div></div>
<div class="main-outer"><div class="columns fauxcolumns"><div class="columns-inner"><div class="column-center-outer"><div class="column-center-inner">
<div class="main section" id="main"><div class="widget Blog" id="Blog1">
<div class="blog-posts hfeed">
<div class="status-msg-wrap"><div class="status-msg-body">Mostrando entradas con la etiqueta <b>tratamiento</b>. <a href="{host}/">Mostrar todas las entradas</a></div><div class="status-msg-border"></div></div>
{"".join(blocks)}
</div>
<div class="blog-pager" id="blog-pager"><span id="blog-pager-older-link"><a class="blog-pager-older-link" href="{host}/search/label/tratamiento?updated-max=2024-12-24T13:33:00%2B01:00&amp;max-results=20&amp;start=7&amp;by-date=false" id="Blog1_blog-pager-older-link" title="Entradas antiguas">Entradas antiguas</a></span><a class="home-link" href="{host}/">Página Principal</a></div>
<div class="clear"></div>
<div class="blog-feeds"><div class="feed-links">Suscribirse a: <a class="feed-link" href="{host}/feeds/posts/default" target="_blank" type="application/atom+xml">Entradas (Atom)</a></div></div>
</div></div>
</div></div>
<div class="column-right-outer"><div class="column-right-inner"><aside><div class="sidebar section" id="sidebar-right-1">
<div class="widget PopularPosts" id="PopularPosts1"><h2>Entradas populares</h2><div class="widget-content popular-posts"><ul>{"".join(f'<li><div class="item-content"><div class="item-title"><a href="{host}/2023/0{k+4}/{slugify(t)}.html">{esc(t)}</a></div><div class="item-snippet">{esc(s[:90])}...</div></div></li>' for k, (t, s) in enumerate(ES[4:6]))}</ul></div></div>
<div class="widget BlogArchive" id="BlogArchive1"><h2>Archivo del blog</h2><div class="widget-content"><ul class="hierarchy"><li class="archivedate expanded"><a class="post-count-link" href="{host}/2025/">2025</a> <span class="post-count" dir="ltr">(23)</span></li><li class="archivedate collapsed"><a class="post-count-link" href="{host}/2024/">2024</a> <span class="post-count" dir="ltr">(31)</span></li></ul></div></div>
</div></aside></div></div>
</div></div></div>
<footer><div class="footer-outer"><div class="foot section" id="footer-1"><div class="widget Attribution" id="Attribution1"><div class="widget-content" style="text-align: center;">Tema Sencillo. Con la tecnología de <a href="https://www.blogger.example" target="_blank">Blogger</a>.</div></div></div></div></footer>
</div></div></div>
</body>
</html>"""
    write("es-blogger-classic", base, as_of, page, items)

# ---------------------------------------------------------------- Italian WordPress (Kadence-like), numeric dd/mm/yyyy with lang it
def italian():
    host = "https://www.miositeinsieme.example"
    base = host + "/tag/terapie/"
    as_of = "2025-11-20T08:00:00Z"
    ds = [datetime(2025, 11, 6), datetime(2025, 10, 9), datetime(2025, 8, 1), datetime(2025, 6, 12), datetime(2025, 4, 3), datetime(2025, 2, 10)]
    authors = ["Giulia Bianchi", "Dott. Niccolò Ferraù", "Giulia Bianchi", "Giulia Bianchi", "Dott. Niccolò Ferraù", "Redazione"]
    com = [("Nessun commento", 0), ("2 commenti", 2), ("1 commento", 1), ("Nessun commento", 0), ("5 commenti", 5), ("11 commenti", 11)]
    cards, items = [], []
    for i, (t, s) in enumerate(IT):
        d = ds[i]
        url = f"{host}/{slugify(t)}/"
        ex, cut = trunc(s, 20)
        cards.append(f"""
<article class="entry content-bg loop-entry post-{60+i} post type-post status-publish format-standard hentry category-terapie tag-terapie">
	<div class="entry-content-wrap">
		<header class="entry-header">
			<div class="entry-taxonomies"><span class="category-links term-links category-style-normal"><a href="{host}/category/terapie/" class="category-link-terapie" rel="tag">Terapie</a></span></div>
			<h2 class="entry-title"><a href="{url}" rel="bookmark">{esc(t)}</a></h2>
			<div class="entry-meta entry-meta-divider-dot">
				<span class="posted-by"><span class="meta-label">Di</span><span class="author vcard"><a class="url fn n" href="{host}/author/{slugify(authors[i])}/">{esc(authors[i])}</a></span></span>
				<span class="posted-on"><time class="entry-date published" datetime="{d.date().isoformat()}">{d.day:02d}/{d.month:02d}/{d.year}</time></span>
				<span class="meta-comments"><a class="meta-comments-link anchor-scroll" href="{url}#{"respond" if com[i][1] == 0 else "comments"}">{com[i][0]}</a></span>
			</div>
		</header>
		<div class="entry-summary"><p>{esc(ex)}{"&hellip;" if cut else ""}</p></div>
		<footer class="entry-footer"><div class="entry-actions"><p class="more-link-wrap"><a href="{url}" class="post-more-link">Leggi tutto<span class="screen-reader-text"> {esc(t)}</span><span class="kadence-svg-iconset svg-baseline"><svg aria-hidden="true" class="kadence-svg-icon kadence-arrow-right-alt-svg" viewBox="0 0 27 28"><path d="M27 13.953c0 0.141-0.063 0.281-0.156 0.375l-6 5.531"></path></svg></span></a></p></div></footer>
	</div>
</article>""")
        items.append(item(t, url, authors[i], d.date().isoformat(), com[i][1], ex))
    page = f"""<!doctype html>
<html lang="it-IT" class="no-js" itemtype="https://schema.org/Blog" itemscope>
<head>
	<meta charset="UTF-8">
	<meta name="viewport" content="width=device-width, initial-scale=1, minimum-scale=1">
	<title>terapie Archivi - Miosite Insieme</title>
	<link rel="alternate" type="application/rss+xml" title="Miosite Insieme &raquo; terapie Feed del tag" href="{host}/tag/terapie/feed/" />
</head>
<body class="archive tag tag-terapie wp-embed-responsive hfeed footer-on-bottom hide-focus-outline link-style-standard has-sidebar content-title-style-above content-width-normal content-style-boxed content-vertical-padding-show non-transparent-header mobile-non-transparent-header">
<div id="wrapper" class="site wp-site-blocks">
	<a class="skip-link screen-reader-text scroll-ignore" href="#main">Vai al contenuto</a>
	<header id="masthead" class="site-header" role="banner" itemtype="https://schema.org/WPHeader" itemscope><div id="main-header" class="site-header-wrap"><div class="site-header-inner-wrap"><div class="site-header-upper-wrap"><div class="site-header-upper-inner-wrap"><div class="site-main-header-wrap site-header-row-container site-header-focus-item site-header-row-layout-standard" data-section="kadence_customizer_header_main"><div class="site-header-row-container-inner"><div class="site-container"><div class="site-main-header-inner-wrap site-header-row site-header-row-has-sides site-header-row-no-center">
	<div class="site-header-main-section-left site-header-section site-header-section-left"><div class="site-header-item site-header-focus-item" data-section="title_tagline"><div class="site-branding branding-layout-standard"><a class="brand" href="{host}/" rel="home"><div class="site-title-wrap"><p class="site-title">Miosite Insieme</p><p class="site-description">Associazione di pazienti</p></div></a></div></div></div>
	<div class="site-header-main-section-right site-header-section site-header-section-right"><div class="site-header-item site-header-focus-item site-header-item-main-navigation header-navigation-layout-stretch-false header-navigation-layout-fill-stretch-false" data-section="kadence_customizer_primary_navigation"><nav id="site-navigation" class="main-navigation header-navigation nav--toggle-sub header-navigation-style-standard header-navigation-dropdown-animation-none" role="navigation" aria-label="Navigazione principale"><div class="primary-menu-container header-menu-container"><ul id="primary-menu" class="menu"><li class="menu-item"><a href="{host}/">Home</a></li><li class="menu-item"><a href="{host}/chi-siamo/">Chi siamo</a></li><li class="menu-item"><a href="{host}/blog/">Blog</a></li><li class="menu-item"><a href="{host}/dona/">Dona ora</a></li></ul></div></nav></div></div>
	</div></div></div></div></div></div></div></div></header>
	<div id="inner-wrap" class="wrap hfeed kt-clear">
		<section role="banner" class="entry-hero post-archive-hero-section entry-hero-layout-standard"><div class="entry-hero-container-inner"><div class="hero-section-overlay"></div><div class="hero-container site-container"><header class="entry-header post-archive-title title-align-inherit title-tablet-align-inherit title-mobile-align-inherit"><h1 class="page-title archive-title">Tag: <span>terapie</span></h1><div class="archive-description"><p>Farmaci, infusioni e riabilitazione: tutto quello che c’è da sapere sulle terapie della miosite.</p></div></header></div></div></section>
		<div id="primary" class="content-area"><div class="content-container site-container"><main id="main" class="site-main" role="main"><div id="archive-container" class="content-wrap grid-cols post-archive grid-sm-col-2 grid-lg-col-2 item-image-style-above">
{"".join(cards)}
		</div><nav class="navigation pagination" aria-label="Paginazione degli articoli"><h2 class="screen-reader-text">Paginazione degli articoli</h2><div class="nav-links"><span aria-current="page" class="page-numbers current">1</span><a class="page-numbers" href="{host}/tag/terapie/page/2/">2</a><a class="next page-numbers" href="{host}/tag/terapie/page/2/"><span class="screen-reader-text">Pagina successiva</span></a></div></nav></main>
		<aside id="secondary" role="complementary" class="primary-sidebar widget-area sidebar-slug-sidebar-primary sidebar-link-style-normal"><div class="sidebar-inner-wrap"><section id="block-5" class="widget widget_block"><h2>Articoli popolari</h2><ul class="wp-block-latest-posts__list has-dates wp-block-latest-posts">{"".join(f'<li><a class="wp-block-latest-posts__post-title" href="{host}/{slugify(t)}/">{esc(t)}</a><time datetime="2024-0{k+3}-15T10:00:00+01:00" class="wp-block-latest-posts__post-date">15/0{k+3}/2024</time></li>' for k, (t, _) in enumerate(IT[3:6]))}</ul></section></div></aside>
		</div></div>
	</div>
	<footer id="colophon" class="site-footer" role="contentinfo"><div class="site-footer-wrap"><div class="site-bottom-footer-wrap site-footer-row-container site-footer-focus-item site-footer-row-layout-standard site-footer-row-tablet-layout-default site-footer-row-mobile-layout-default" data-section="kadence_customizer_footer_bottom"><div class="site-footer-row-container-inner"><div class="site-container"><div class="site-bottom-footer-inner-wrap site-footer-row site-footer-row-columns-1 site-footer-row-column-layout-row site-footer-row-tablet-column-layout-default site-footer-row-mobile-column-layout-row ft-ro-dir-row ft-ro-collapse-normal ft-ro-t-dir-default ft-ro-m-dir-default ft-ro-lstyle-plain"><div class="site-footer-bottom-section-1 site-footer-section footer-section-inner-items-1"><div class="footer-widget-area site-info site-footer-focus-item content-align-default content-tablet-align-default content-mobile-align-default content-valign-default content-tablet-valign-default content-mobile-valign-default" data-section="kadence_customizer_footer_html"><div class="footer-widget-area-inner site-info-inner"><div class="footer-html inner-link-style-normal"><div class="footer-html-inner"><p>&copy; 2025 Miosite Insieme - C.F. 00000000000</p></div></div></div></div></div></div></div></div></div></div></footer>
</div>
</body>
</html>"""
    write("it-kadence", base, as_of, page, items)

# ---------------------------------------------------------------- Dutch h-entry blog with "gisteren" and day names
def dutch_hentry():
    host = "https://spierkracht.example"
    base = host + "/onderwerp/ervaringen/"
    as_of = "2025-11-20T20:00:00Z"
    pub = [datetime(2025, 11, 19, 21, 14, tzinfo=tz(1)), datetime(2025, 11, 3, 8, 2, tzinfo=tz(1)), datetime(2025, 10, 17, 19, 40, tzinfo=tz(2)),
           datetime(2025, 8, 30, 10, 5, tzinfo=tz(2)), datetime(2025, 6, 6, 12, 0, tzinfo=tz(2)), datetime(2025, 2, 1, 15, 30, tzinfo=tz(1)), datetime(2024, 11, 11, 9, 9, tzinfo=tz(1))]
    authors = ["Femke de Wit", "Femke de Wit", "Joost van ’t Hek", "Femke de Wit", "Joost van ’t Hek", "Femke de Wit", "Femke de Wit"]
    com = [("💬 0", 0), ("💬 4", 4), ("💬 1", 1), ("💬 12", 12), (None, None), ("💬 3", 3), ("💬 7", 7)]
    cards, items = [], []
    for i, (t, s) in enumerate(NL):
        p = pub[i]
        url = f"{host}/{p.year}/{p.month:02d}/{slugify(t)}/"
        vis = "gisteren" if i == 0 else f"{NL_D[p.weekday()]} {p.day} {NL_M[p.month-1]} {p.year}"
        reac = f'<a class="reacties" href="{url}#reacties" title="reacties">{com[i][0]}</a>' if com[i][0] else ""
        cards.append(f"""
  <article class="h-entry kaart">
    <h2 class="p-name"><a class="u-url" href="{url}">{esc(t)}</a></h2>
    <p class="meta">
      <a class="p-author h-card" href="{host}/over/{slugify(authors[i])}/">{esc(authors[i])}</a> ·
      <time class="dt-published" datetime="{iso(p)}">{vis}</time>
      {reac}
    </p>
    <p class="p-summary">{esc(s)}</p>
    <p><a href="{url}">Lees meer</a></p>
  </article>""")
        items.append(item(t, url, authors[i], iso(p), com[i][1], s))
    page = f"""<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Ervaringen · Spierkracht</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="alternate" type="application/atom+xml" href="/onderwerp/ervaringen/atom.xml" title="Spierkracht – ervaringen">
<link rel="webmention" href="https://webmention.example/spierkracht.example/webmention">
</head>
<body>
<header class="h-card site-kop"><a class="u-url p-name" href="/">Spierkracht</a> <span class="p-note">een weblog over leven met myositis</span>
<nav><a href="/">Home</a> · <a href="/onderwerp/">Onderwerpen</a> · <a href="/over/">Over ons</a></nav></header>
<main class="h-feed">
  <h1 class="p-name">Ervaringen</h1>
  <p class="inleiding">Persoonlijke verhalen van mensen met myositis en hun naasten. Wil je ook je verhaal delen? <a href="/meedoen/">Lees hoe</a>.</p>
{"".join(cards)}
  <nav class="paginering"><a rel="next" href="/onderwerp/ervaringen/pagina/2/">Oudere berichten</a></nav>
</main>
<aside class="zijbalk">
  <h3>Meest gelezen</h3>
  <ul>{"".join(f'<li class="h-entry"><a class="u-url p-name" href="/2023/05/{slugify(t)}/">{esc(t)}</a> <time class="dt-published" datetime="2023-05-0{k+1}">{k+1} mei 2023</time></li>' for k, (t, _) in enumerate(NL[4:6]))}</ul>
</aside>
<footer><p>© 2025 Spierkracht · <a href="/privacy/">Privacy</a></p></footer>
</body>
</html>"""
    write("nl-hentry", base, as_of, page, items)

if __name__ == "__main__":
    german(); french(); spanish_blogger(); italian(); dutch_hentry()
