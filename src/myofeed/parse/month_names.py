"""Month names by language: data for parse/dates.py, kept apart from the logic."""

from __future__ import annotations

MONTHS: dict[int, tuple[str, ...]] = {
    # en, de, fr, es, it, pt, nl, sv/da/no, pl (nominative and genitive), tr: accents are folded away
    1: ("january", "jan", "januar", "janner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "janeiro",
        "januari", "styczen", "stycznia", "ocak"),
    2: ("february", "feb", "februar", "fevrier", "fevr", "fev", "febrero", "febbraio", "fevereiro", "februari",
        "luty", "lutego", "subat"),
    3: ("march", "mar", "marz", "maerz", "mrz", "mars", "marzo", "marco", "maart", "mrt", "marts", "marzec", "marca",
        "mart"),
    4: ("april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwiecien", "kwietnia", "nisan"),
    5: ("may", "mai", "mayo", "maggio", "mag", "maio", "mei", "maj", "maja", "mayis"),
    6: ("june", "jun", "juni", "juin", "junio", "giugno", "giu", "junho", "czerwiec", "czerwca", "haziran"),
    7: ("july", "jul", "juli", "juillet", "juil", "julio", "luglio", "lug", "julho", "lipiec", "lipca", "lip",
        "temmuz"),
    8: ("august", "aug", "aout", "agosto", "ago", "augustus", "augusti", "sierpien", "sierpnia", "agustos"),
    9: ("september", "sep", "sept", "septembre", "septiembre", "setiembre", "settembre", "set", "setembro",
        "wrzesien", "wrzesnia", "eylul"),
    10: ("october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out",
         "pazdziernik", "pazdziernika", "ekim"),
    11: ("november", "nov", "novembre", "noviembre", "novembro", "listopad", "listopada", "kasim"),
    12: ("december", "dec", "dezember", "dez", "decembre", "diciembre", "dic", "dicembre", "dezembro", "desember", "grudzien",
         "grudnia", "aralik"),
}
# more languages, from dateparser's locale data (full names, genitive and locative forms; no short stems
# that are also words): month names separated by "|", January first; folded like the page text below
MORE_MONTHS: dict[str, str] = {
    "cs": "leden ledna lednu|únor února únoru|březen března březnu|duben dubna dubnu|květen května květnu|červen června červnu|července červenec červenci|srpen srpna srpnu|září|říjen října říjnu|listopadu|prosince prosinec prosinci",
    "sk": "januára|februára|marec|apríla|máj mája|jún júna|júl júla|augusta|septembra|októbra|novembra|decembra",
    "el": "ιαν ιανουάριος ιανουαρίου|φεβ φεβρουάριος φεβρουαρίου|μάρ μάρτιος μαρτίου|απρ απρίλιος απριλίου|μάι μάιος μαΐου|ιουν ιουνίου ιούνιος|ιουλ ιουλίου ιούλιος|αυγ αυγούστου αύγουστος|σεπ σεπτέμβριος σεπτεμβρίου|οκτ οκτωβρίου οκτώβριος|νοέ νοέμβριος νοεμβρίου|δεκ δεκέμβριος δεκεμβρίου",
    "ru": "янв январь января|февр февраль февраля фев|мар март марта|апр апрель апреля|май мая|июн июнь июня|июл июль июля|авг август августа|сент сентябрь сентября сен|окт октябрь октября|нояб ноябрь ноября ноя|дек декабрь декабря",
    "uk": "січ січень січня|лют лютий лютого|бер березень березня берез|квіт квітень квітня кві|трав травень травня тра|черв червень червня чер|лип липень липня|серп серпень серпня сер|вер вересень вересня верес|жовт жовтень жовтня жов|лист листопад листопада листоп лис|груд грудень грудня гру",
    "bg": "яну януари|февруари||април||юни|юли||сеп септември септ септм|октомври|ное ноември|декември",
    "sr": "јан јануар|феб фебруар|||мај|јун|јул||септембар|октобар|нов новембар|дец децембар",
    "ro": "ianuarie|februarie|martie|aprilie||iunie|iulie||septembrie|octombrie|noiembrie noiem|decembrie",
    "hu": "||március|április|május|június|július|augusztus|szept szeptember|||",
    "fi": "tammikuu tammikuuta tammikuussa|helmikuu helmikuuta helmikuussa|maaliskuu maaliskuuta maaliskuussa|huhtikuu huhtikuuta huhtikuussa|toukokuu toukokuuta toukokuussa|kesäkuu kesäkuuta kesäkuussa|heinäkuu heinäkuuta heinäkuussa|elokuu elokuuta elokuussa|syyskuu syyskuuta syyskuussa|lokakuu lokakuuta lokakuussa|marraskuu marraskuuta marraskuussa|joulukuu joulukuuta joulukuussa",
    "hr": "siječanj siječnja siječnju siječnjem|veljača veljače veljači veljačom|ožujak ožujka ožujku ožujkom|travanj travnja travnju travnjem|svibanj svibnja svibnju svibnjem|lipanj lipnja lipnju lipnjem|srpanj srpnja srpnju srpnjem|kolovoz kolovoza kolovozu kolovozom|rujan rujna rujnu rujnom|listopadom|studeni studenoga studenom studenomu studenome studenog studenim|prosinac prosinca prosincu prosincem",
    "sl": "|||||junij|julij|avgust||||",
    "lt": "sausio sausis|vasario vasaris|kovas|balandis balandžio|gegužė gegužės|birželio birželis|liepa liepos|rugpjūtis rugpjūčio|rugsėjis rugsėjo|spalio spalis|lapkr lapkritis lapkričio|gruod gruodis gruodžio",
    "lv": "janvāris|februāris|||maijs|jūnijs|jūlijs|augusts|septembris|oktobris|novembris|decembris",
    "et": "jaanuar|veebr veebruar||aprill||juuni|juuli|||oktoober||detsember",
    # Indonesian and Malay (januari, februari, april, mei, juni, juli, september, november, desember above)
    "id": "|pebruari|maret|||||agustus||oktober||",
    # Arabic (Egypt, Gulf, Maghreb spellings) and Hebrew, with the Hebrew "in" prefix ("20 בנובמבר 2025")
    "ar": "يناير|فبراير|مارس|أبريل ابريل|مايو|يونيو|يوليو|أغسطس اغسطس|سبتمبر|أكتوبر اكتوبر|نوفمبر|ديسمبر",
    # Thai, full names and the dotted abbreviations ("8 มี.ค. 2567"; the year is Buddhist Era: dates.py)
    "th": "มกราคม ม.ค|กุมภาพันธ์ ก.พ|มีนาคม มี.ค|เมษายน เม.ย|พฤษภาคม พ.ค|มิถุนายน มิ.ย|กรกฎาคม ก.ค|สิงหาคม ส.ค|"
          "กันยายน ก.ย|ตุลาคม ต.ค|พฤศจิกายน พ.ย|ธันวาคม ธ.ค",
    # Polish abbreviations as phpBB and forums print them ("12 lis 2025, 14:32", "30 paź 2025"; mar, maj, lip above)
    "pl": "sty|lut||kwi||cze||sie|wrz|paz|lis|gru",
    "he": "ינואר בינואר|פברואר בפברואר|מרץ במרץ|אפריל באפריל|מאי במאי|יוני ביוני|יולי ביולי|אוגוסט באוגוסט|"
          "ספטמבר בספטמבר|אוקטובר באוקטובר|נובמבר בנובמבר|דצמבר בדצמבר",
}
