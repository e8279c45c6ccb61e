"""Shapes of published copy (issue 11), one or more cases per phenomenon.

Every passage here is written for these tests, in our own words, to reproduce a shape that
real reports have and that the extractor once read wrong (the real passages themselves are
referenced in bench/realnews/, never copied). Each case is (passage, {surface: status}),
checked on the place first written as that surface, over all its mentions.
"""

import pytest

from mapping.algebra import seed_reports
from tests.test_extraction_phenomena import extract_text, place_status

CASES = {
    # stop 41
    "other languages: attacks and battles, as in English": (
        "Si combatte da giorni a Ghazni. Os talibãs atacaram a base em Farah. Die Angriffe auf "
        "Kundus gingen weiter, und in Takhar gab es eine schwere Schlacht.",
        {"Ghazni": "contested", "Farah": "contested", "Kundus": "contested"},
    ),
    "other languages: European Portuguese 'assumiram o controlo de'": (
        "Os talibãs assumiram o controlo de Herat na sexta-feira, segundo fontes locais.",
        {"Herat": "captured"},
    ),
    "the Italian wire's dateline: day and month in capitals after the city": (
        "KABUL, 12 AGO - I talebani hanno preso il controllo di Ghazni, a sud della capitale.",
        {"KABUL": "mentioned", "Ghazni": "captured"},
    ),
    # stop 39
    "a loss told of its loser, with the side that gained it after 'to'": (
        "Government forces lost Dand district to the Taliban on Sunday. Police units "
        "surrendered Spin Boldak to the insurgents.",
        {"Dand": "captured", "Spin Boldak": "captured"},
    ),
    "a place that has become a battleground, and one that was a battlefield long ago": (
        "The southern districts of Nangarhar have become a bloody battleground between the "
        "Taliban and Islamic State. Musa Qala, once considered a deadly battlefield for "
        "British troops, was quiet.",
        {"Nangarhar": "contested", "Musa Qala": "mentioned"},
    ),
    "a place that slipped out of the government's control": (
        "Officials said Khanabad slipped out of government control after a night of attacks.",
        {"Khanabad": "captured"},
    ),
    "other languages: a list with asides in parentheses and of direction, under 'controlan'": (
        "Hoy los talibanes controlan Farah, en el oeste, Sheberghan (Jauzján) y Kunduz, en el "
        "norte, y la importante Aibak. Antes conquistaron la ciudad de Faizabad.",
        {
            "Farah": "captured",
            "Sheberghan": "captured",
            "Kunduz": "captured",
            "Aibak": "captured",
            "Faizabad": "captured",
        },
    ),
    "other languages: into the group's hands, and a city still in the government's": (
        "Zaranj foi a primeira capital a cair nas mãos dos talibãs. Cabul, a única grande "
        "cidade nas mãos do governo, espera.",
        {"Zaranj": "captured", "Cabul": "mentioned"},
    ),
    "other languages: the group's claims and hearsay": (
        '"Spin Boldak è sotto il nostro pieno controllo", ha detto un portavoce dei talebani. '
        "Selon la radio, ils se seraient emparés du poste de Torghundi. La milicia asegura que "
        "se ha hecho con Qala-i-Naw.",
        {"Spin Boldak": "claimed", "Torghundi": "claimed", "Qala-i-Naw": "claimed"},
    ),
    "other languages: nearing, in danger, half a city, all but the capital": (
        "De strijders naderen Maimana. Bald dürfte Kabul in Gefahr sein. Les talibans "
        "contrôlent « la moitié » de Kunduz. Ils contrôlent toutes les villes à l'exception de "
        "la capitale, Jalalabad.",
        {
            "Maimana": "contested",
            "Kabul": "contested",
            "Kunduz": "contested",
            "Jalalabad": "government",
        },
    ),
    "other languages: the roads that lead to a city are not the city": (
        "Según un vecino, los talibanes controlan todas las carreteras que conducen a Lashkar Gah.",
        {"Lashkar Gah": "mentioned"},
    ),
    "people captured in places, not the places": (
        "Security forces killed and captured dozens of insurgent, HIG and Haqqani Network "
        "commanders and fighters in Logar, Khost, Paktika, Ghazni, Kunduz and Zabul. Separately, the insurgents captured 30 police recruits in "
        "Kunar. Marines captured a bazaar from Taliban insurgents in Garmsir district.",
        {"Logar": "contested", "Khost": "contested", "Zabul": "contested", "Kunar": "contested"},
    ),
    "a caption's flag raised in the present, cities falling to the group, a list after a dash aside": (
        "Insurgents raise their flag at the main square of Aybak. More cities are "
        "falling to the militants' control, including Farah, the western hub. Four more "
        "capitals had fallen – two of them in one day – including the northern city Taloqan. "
        "Troops gathered to keep Maimana from falling to the Taliban.",
        {"Aybak": "captured", "Farah": "captured", "Taloqan": "captured", "Maimana": "contested"},
    ),
    "officials driven out of a place by the group": (
        "The Taliban drove officials out of Sar-e Pul on Sunday.",
        {"Sar-e Pul": "captured"},
    ),
    "a list that goes on 'and in the southern cities of'": (
        "Clashes were also reported in Farah in the west, and in the northern cities of "
        "Maimana and Kunduz.",
        {"Farah": "contested", "Maimana": "contested", "Kunduz": "contested"},
    ),
    "a network operating in provinces, insurgent activities in others": (
        "The network is an insurgent outfit operating mainly in the Khost and Paktika "
        "provinces. The detained man coordinated insurgent activities in Badghis and Ghor.",
        {"Khost": "contested", "Paktika": "contested", "Badghis": "contested", "Ghor": "contested"},
    ),
    "places succumbing to the group, a participle after 'with'": (
        "Fighting goes on in the west, with the cities of Qala-i-Naw, Farah and Zaranj "
        "succumbing to Taliban control.",
        {"Qala-i-Naw": "captured", "Farah": "captured", "Zaranj": "captured"},
    ),
    "the group drew closer to a place; the war intensifies in others": (
        "The insurgents took two more towns on Friday and drew closer to Jalalabad. As the war "
        "intensifies in Nimroz and Farah, families head for Herat.",
        {
            "Jalalabad": "contested",
            "Nimroz": "contested",
            "Farah": "contested",
            "Herat": "mentioned",
        },
    ),
    "other languages: a colon list after a noun of conquests or a fall, with asides in parentheses": (
        "Los insurgentes suman conquistas: Farah (oeste), Aibak (norte) y Taloqan. Les jours "
        "suivants tombent à leur tour: Kunduz, Pul-e Khumri (province de Baghlan), Faizabad.",
        {
            "Farah": "captured",
            "Aibak": "captured",
            "Taloqan": "captured",
            "Pul-e Khumri": "captured",
            "Faizabad": "captured",
        },
    ),
    "a clash between the group and a neighbouring state's military, by the country's name": (
        "Sources said a firefight broke out at the Spin Boldak crossing between the Taliban and "
        "Pakistan military on Monday.",
        {"Spin Boldak": "violence"},
    ),
    "other languages: Indonesian lists and fighting, Swedish control and hearsay, Polish fire": (
        "Pekan ini Taliban merebut Farah dan Aibak. Perang juga berkecamuk di Maimana dan "
        "Ghazni. Taliban semakin dekat ke Kabul. I natt tog talibanerna kontroll över Zaranj; "
        "även Sheberghan ska ha fallit. Pod Kunduz trwa silna wymiana ognia.",
        {
            "Farah": "captured",
            "Aibak": "captured",
            "Maimana": "contested",
            "Ghazni": "contested",
            "Kabul": "contested",
            "Zaranj": "captured",
            "Sheberghan": "claimed",
            "Kunduz": "contested",
        },
    ),
    "a place cut off from the rest, people displaced by conflicts, a Norwegian attack": (
        "The insurgents took Sharana, cutting the provincial capital Gardez off from the "
        "south. Families displaced due to recent conflicts in Malistan district wait for aid. "
        "Åtte politifolk ble drept i et Taliban-angrep i Almar-distriktet.",
        {"Gardez": "contested", "Malistan": "contested", "Almar": "contested"},
    ),
    "a list whose item is located 'in the center'": (
        # "Tiringo": a spelling no gazetteer knows, so the capital it names is the item
        "The insurgents then seized Chaghcharan, the capital of Ghor in the center, and "
        "Tiringo, the capital of Uruzgan in the south.",
        {"Chaghcharan": "captured", "the capital of Uruzgan": "captured"},
    ),
    "half of the country's capitals is a count, not a part of each": (
        "The insurgents have taken half of the country's 34 provincial capitals, including "
        "the western hub Farah and the northern city Taloqan. They also took half of Kunduz.",
        {"Farah": "captured", "Taloqan": "captured", "Kunduz": "contested"},
    ),
    "a leader who urges his troops makes no claim of what the copy tells": (
        "The rout went on with the capture of Gardez, even as the Taliban's supreme leader "
        "urged his fighters to regroup.",
        {"Gardez": "captured"},
    ),
    "the alliance's own name in 2001 copy takes a place back": (
        "On 26 November the city of Taloqan was taken by United Front forces.",
        {"Taloqan": "recaptured"},
    ),
    "other languages: under the army's control, a fought-over city in an inflected adjective": (
        "Va ricordato che Farah è passata sotto il controllo dell'esercito afgano. Tausende "
        "sind aus der umkämpften Provinzhauptstadt Kundus geflohen.",
        {"Farah": "mentioned", "Kundus": "contested"},
    ),
    "a ministry's list of operations conducted in districts, with their tolls": (
        "In the operation conducted in Khanabad district of Kunduz province, 12 insurgents "
        "were killed. Cleanup operations of the national police and army in Shindand district "
        "of Herat province left 7 militants dead.",
        {"Khanabad": "contested", "Shindand": "contested"},
    ),
    "French: taken after a day word, 'ont aussi pris', 'avaient saisi', 'fait tomber', 'les prises :'": (
        "Ils se sont emparés samedi de Sheberghan. Ils ont aussi pris sans résistance Qalat. "
        "Mardi, ils avaient saisi Farah, puis fait tomber Kandahar. Depuis vendredi, ils ont "
        "enchaîné les prises : Zaranj (sud-ouest), Aibak (nord) et Kunduz.",
        {
            "Sheberghan": "captured",
            "Qalat": "captured",
            "Farah": "captured",
            "Kandahar": "captured",
            "Zaranj": "captured",
            "Aibak": "captured",
            "Kunduz": "captured",
        },
    ),
    "French: nearing a city, a capture claimed, cities still under the government": (
        "Ils s'approchaient de Maimana. Ils ont revendiqué dans la nuit la prise de Ghazni. "
        "Kaboul et Jalalabad sont les seules villes encore sous le contrôle du gouvernement.",
        {
            "Maimana": "contested",
            "Ghazni": "claimed",
            "Kaboul": "government",
            "Jalalabad": "government",
        },
    ),
    # a window of a fixed length before the trigger cut "Sharif" to "if", read as a
    # conditional: windows start at a word's start
    "a window that would start inside a place's name": (
        "Kaboul, Mazar-e Sharif et Jalalabad sont les trois seules grandes villes encore sous "
        "le contrôle du gouvernement.",
        {"Mazar-e Sharif": "government", "Jalalabad": "government"},
    ),
    "'not' that negates an adjective, pieces of provinces, weapons handed over, power seized": (
        "While not strategically important, the fall of Qalat is a blow to the government. "
        "The insurgents hold pieces of border provinces such as Kunar and Nimroz. Former "
        "fighters handed them over at a ceremony in Jalalabad. Members of the group who have "
        "seized power in the country are trying to break into Panjshir province from the south.",
        {
            "Qalat": "captured",
            "Kunar": "contested",
            "Nimroz": "contested",
            "Jalalabad": "mentioned",
            "Panjshir": "mentioned",
        },
    ),
    "French: a list whose items carry asides of who holds them, where and how far": (
        "Ils ont enchaîné les prises : Zaranj (sud-ouest), Sheberghan (nord), fief du chef de "
        "guerre Dostom, et surtout Kunduz, la grande ville du nord-est, ainsi que Taloqan. "
        "Ils avaient saisi Farah, dans l'ouest, et Aibak, 200 km au nord de Kaboul.",
        {
            "Zaranj": "captured",
            "Sheberghan": "captured",
            "Kunduz": "captured",
            "Taloqan": "captured",
            "Farah": "captured",
            "Aibak": "captured",
        },
    ),
    "German: in the group's hands, under its control, fought in a city, the taking of, almost all of": (
        "Die Regierungsgebäude von Ghazni seien in den Händen der Islamisten. Die Taliban hätten "
        "die Provinzhauptstadt Sharana unter ihre Kontrolle gebracht. In Maimana wurde am "
        "Samstag gekämpft; Zusammenstöße gab es auch in der Provinz Zabul. Nach der Einnahme "
        "von Aibak zogen sie weiter. Kunar wurde fast vollständig erobert.",
        {
            "Ghazni": "captured",
            "Sharana": "captured",
            "Maimana": "contested",
            "Zabul": "contested",
            "Aibak": "captured",
            "Kunar": "contested",
        },
    ),
    # stop 38
    "a list paragraph under a heading line that tells what happened": (
        "Weeks of losses followed the withdrawal.\n\nDistricts seized by the insurgents\n\n"
        "Khulm in Balkh; Burka and Dahana-i-Ghuri in Baghlan; Arghistan district of Kandahar "
        "was overrun on Friday; Jaghatu in Ghazni; Ashkamish in Takhar.\n\nTaliban "
        "advance\n\nIn Herat, Shindand and Adraskan, shops opened as usual on Sunday.",
        {"Khulm": "captured", "Burka": "captured", "Jaghatu": "captured", "Shindand": "mentioned"},
    ),
    "a list whose items each carry their day": (
        "More capitals were lost within days: Farah, on Monday; two days later, Aybak and "
        "Taloqan. The insurgents overran Zaranj on Friday, Sheberghan the next day and Kunduz "
        "on Sunday.",
        {
            "Aybak": "captured",
            "Taloqan": "captured",
            "Sheberghan": "captured",
            "Kunduz": "captured",
        },
    ),
    "a raid on the group's outposts where it rules, and an army's attack on them": (
        "A resistance front said on Monday its fighters had attacked two Taliban outposts in "
        "Jalalabad overnight. Afghan commandos attacked Taliban positions in Kunduz.",
        {"Jalalabad": "violence", "Kunduz": "contested"},
    ),
    "a neighbour's air force striking, attacks on the group's commanders": (
        "The skirmish followed air strikes by the Pakistani air force on targets in Kunar "
        "province. Attacks against senior Taliban commanders in Takhar raised the group's "
        "fears.",
        {"Kunar": "violence", "Takhar": "violence"},
    ),
    "a raid on the group's post that became a fight": (
        "In Kapisa, armed clashes reportedly broke out after the resistance attacked a "
        "Taliban base.",
        {"Kapisa": "contested"},
    ),
    "shelling and bombing in a list of incidents open no clause": (
        "Officials said the attacks, including offensives, mortars, shelling, and bombing, "
        "were recorded in Logar and Wardak.",
        {"Logar": "contested", "Wardak": "contested"},
    ),
    "operations told in the passive, large-scale operations, control over territory": (
        "The army said the operations were conducted in the provinces of Logar, Paktia and "
        "Khost. Troops pressed on with large-scale operations in two provinces -- Zabul and "
        "Ghor. The offensive left the insurgents gaining control over large swathes of "
        "territory in Faryab and Badghis.",
        {
            "Logar": "contested",
            "Khost": "contested",
            "Zabul": "contested",
            "Ghor": "contested",
            "Faryab": "contested",
            "Badghis": "contested",
        },
    ),
    "a second verb with the subject left out tells a presence": (
        "By Tuesday the Taliban had cleared the valleys and were established in Kunar and "
        "Nuristan, according to the Twitter account of spokesman Zabihullah Mujahid.",
        {"Kunar": "contested", "Nuristan": "contested"},
    ),
    "a fall named to say when is no part of the group's claim": (
        "Following the takeover of Ghazni on Thursday, the Taliban announced an amnesty for "
        "officials.",
        {"Ghazni": "captured"},
    ),
    "families displaced by the fighting in a town; an operation still going on there": (
        "The charity fed 300 families displaced by the fighting in Qalat, who sheltered in "
        "nearby villages. Aid reached people affected by conflict in Ghazni. An operation "
        "against the Taliban was still ongoing in Panjwai, the police chief said.",
        {"Qalat": "contested", "Ghazni": "mentioned", "Panjwai": "contested"},
    ),
    "the capital's hold over a region is the government's, not the city": (
        "The fall of Mazar-i-Sharif would mark the collapse of Kabul's control of the north.",
        {"Kabul": "mentioned"},
    ),
    "a fall a day after another: the elided fall counts": (
        "Taloqan fell to the insurgents a day after Sheberghan.",
        {"Taloqan": "captured", "Sheberghan": "captured"},
    ),
    "the group back in a city": (
        "Two decades after they were driven out, the Taliban are back in Kandahar. The "
        "Taliban came roaring back to Herat on Friday.",
        {"Kandahar": "captured", "Herat": "captured"},
    ),
    "everything in a city but its airport": (
        "A councilman said the insurgents control everything in Faizabad besides the airport "
        "and the army barracks.",
        {"Faizabad": "contested"},
    ),
    "a web address's words are no report": (
        "An estimate https://example.org/news/fighters-capture-seventh-capital-2021 said "
        "Herat could hold out for months.",
        {"Herat": "contested"},
    ),
    "assault rifles are weapons, not an assault": (
        "Soldiers carrying assault rifles stood at the gates in Kunduz.",
        {"Kunduz": "mentioned"},
    ),
    "a list of provinces each with its region; the south of a province is in it": (
        "Heavy fighting was reported in southern Zabul province, central Logar province and "
        "eastern Khost province. Clashes in the south of Nangarhar displaced families. The "
        "insurgents still hold the hills to the north of Charikar.",
        {
            "Logar": "contested",
            "Khost": "contested",
            "Nangarhar": "contested",
            "Charikar": "mentioned",
        },
    ),
    "an advance in a province": (
        "The week's attacks included an advance in northern Faryab province that forced "
        "families to flee.",
        {"Faryab": "contested"},
    ),
    "operations held by the army in a list of provinces": (
        "The ministry gave the figures for the operations held by Afghan forces in the "
        "provinces of Zabul, Logar and Kunar.",
        {"Zabul": "contested", "Logar": "contested", "Kunar": "contested"},
    ),
    "a share of a province held is a part of it": (
        "The insurgents control roughly 70% of Uruzgan province, officials said.",
        {"Uruzgan": "contested"},
    ),
    "a stranglehold on a province, a city cornered": (
        "The militants have placed a stranglehold on much of Kunduz province. Officials said "
        "the fighters had cornered the city of Farah.",
        {"Kunduz": "contested", "Farah": "contested"},
    ),
    "a capital seized amid warnings that another could fall": (
        "The insurgents seized a tenth provincial capital on Friday amid warnings from "
        "analysts that Jalalabad could be lost within weeks.",
        {"Jalalabad": "contested"},
    ),
    "air cover to keep the fighters from overrunning a city": (
        "Air strikes are all that keep the militants from overrunning the city of Lashkar Gah.",
        {"Lashkar Gah": "contested"},
    ),
    "entered the capital and then took control of the country": (
        "The fighters entered the capital city of Kabul and then effectively took control of "
        "the country.",
        {"Kabul": "captured"},
    ),
    "districts taken by local militia groups are taken back": (
        "Three districts of Takhar, Ishkamish, Bangi and Farkhar, were taken by local militia "
        "groups on Monday.",
        {"Ishkamish": "recaptured", "Farkhar": "recaptured"},
    ),
    "an attack stopped, in a headline without its verb and in the next sentence": (
        "Taliban attack on Maimana rebuffed\n\nThe insurgents launched an attack towards "
        "Charikar late on Friday. The attack was stopped by security forces and local people, "
        "the report added.",
        {"Maimana": "government", "Charikar": "government"},
    ),
    "a part of a place as a list item, and a list going on after its head noun": (
        "The only provinces left outside Taliban control were Logar, parts of Wardak and "
        "Parwan. Troops have repulsed Taliban offensives in the northern Balkh and Samangan "
        "provinces and in the western Badghis province.",
        {
            "Logar": "government",
            "Wardak": "contested",
            "Parwan": "government",
            "Samangan": "government",
            "Badghis": "government",
        },
    ),
    "fighters spotted in provinces, the group within touching distance of a city": (
        "Foreign militants have also been spotted in Zabul, Uruzgan and Paktika provinces, "
        "officials said. As the insurgents came within touching distance of Kandahar, "
        "consulates closed.",
        {"Zabul": "contested", "Paktika": "contested", "Kandahar": "contested"},
    ),
    "the same threatened fall told twice in one sentence": (
        "The loss of the two districts paves the way for the fall of Qalat, the capital of "
        "Zabul province in the south, and the fall of Qalat cuts the main highway.",
        {"Qalat": "contested"},
    ),
    "a fall talked of as what would follow": (
        "A takeover of Mazar-i-Sharif would cut the north off. The loss of Bagram, the "
        "main air base, could change the war.",
        {"Mazar-i-Sharif": "contested", "Bagram": "contested"},
    ),
    "the forces defending a city abandoned it": (
        "On Sunday the government troops defending the city of Sheberghan abandoned their "
        "posts. Afghan forces defending Maimana held their ground.",
        {"Sheberghan": "captured", "Maimana": "government"},
    ),
    "the fighting people fled is not where they shelter": (
        "Hundreds of families, who left their villages because of fighting between the two "
        "sides, now sleep in tents in a park in Kabul.",
        {"Kabul": "mentioned"},
    ),
    # stop 37: copy in other languages (the parts' German, Dutch, Danish, Italian, Polish,
    # Portuguese and Estonian passages), in sentences of our own
    "German: a participle at the clause's end, fighting, a denial": (
        "Die Taliban haben am Sonntag die Provinzhauptstadt Kunduz eingenommen. In Herat "
        "gehen die Kämpfe weiter. Die Stadt Farah ist nach Angaben der Regierung nicht "
        "gefallen. Mehrere Bezirke in der Provinz Balkh sind an die Taliban gefallen.",
        {"Kunduz": "captured", "Herat": "contested", "Farah": "government", "Balkh": "contested"},
    ),
    "Dutch: a list joined by en, the reporting conditional, fighting": (
        "De Taliban hebben vrijdag ook Zaranj en Taloqan ingenomen. Ghazni zou inmiddels "
        "zijn gevallen. Er zijn zware gevechten in Kandahar.",
        {"Zaranj": "captured", "Taloqan": "captured", "Ghazni": "claimed", "Kandahar": "contested"},
    ),
    "Italian: taken, about to be taken, taken back": (
        "I talebani hanno conquistato Ghazni. Anche Kandahar potrebbe essere conquistata "
        "presto. L'esercito ha riconquistato Lashkar Gah.",
        {"Ghazni": "captured", "Kandahar": "contested", "Lashkar Gah": "recaptured"},
    ),
    "French, Spanish and Polish: the verb before its places": (
        "Les talibans se sont emparés de Kunduz. Los talibanes tomaron Herat y Farah. "
        "Talibowie zajęli Taloqan i Aybak.",
        {
            "Kunduz": "captured",
            "Herat": "captured",
            "Farah": "captured",
            "Taloqan": "captured",
            "Aybak": "captured",
        },
    ),
    "Danish: fallen, and partly under the group's control": (
        "Senest er byen Kandahar faldet. Helmand er i dag delvist under Talebans kontrol.",
        {"Kandahar": "captured", "Helmand": "contested"},
    ),
    "other languages: Serbian, Croatian and Bosnian, Slovak, Albanian, Catalan": (
        "U srijedu su talibani zauzeli grad Ghazni. V okolí mesta Herát sa bojuje. Talibanët "
        "morën qytetin Kunduz. Els talibans han assumit el control de Taloqan.",
        {"Ghazni": "captured", "Herát": "contested", "Kunduz": "captured", "Taloqan": "captured"},
    ),
    "other languages: Vietnamese, Swahili, a Slovak conditional and hearsay": (
        "Taliban đã chiếm thành phố Farah. Kuna mapigano makali katika mji wa Kandahar. "
        "Talibovia by mohli obsadiť Mazar-i-Sharif. Meimaneh údajne padol.",
        {
            "Farah": "captured",
            "Kandahar": "contested",
            "Mazar-i-Sharif": "contested",
            "Meimaneh": "claimed",
        },
    ),
    "other languages: a Slovak and Czech list joined by 'a'": (
        "Bojuje sa aj v okolí miest Herát a Farah.",
        {"Herát": "contested", "Farah": "contested"},
    ),
    "other languages: fighting for control, a town in a province, a negation": (
        "Les combats ont repris pour le contrôle de la vallée de Shutul. Die Taliban haben die "
        "Stadt Nawa in der südlichen Provinz Ghazni besetzt. Bamiyan, a província que não foi "
        "conquistada.",
        {"Shutul": "contested", "Nawa": "captured", "Ghazni": "mentioned", "Bamiyan": "government"},
    ),
    "other languages: the next items under a head noun of their own": (
        "Er zijn zware gevechten in de westelijke plaats Farah en de zuidelijke steden "
        "Qalat en Tarinkot.",
        {"Farah": "contested", "Qalat": "contested", "Tarinkot": "contested"},
    ),
    "other languages: a list with names the gazetteer lacks, joined by the language's 'and'": (
        "Talibowie opanowali w niedzielę stolice prowincji: Kunduzu, Tacharu, Dżawzdżanu i "
        "Nimruzu. Les talibans se sont emparés de Ghazni ainsi que Qalat.",
        {"Nimruzu": "captured", "Qalat": "captured"},
    ),
    "other languages: taken in French, entered in German and Spanish": (
        "Les talibans ont pris Maimana. Die Kämpfer waren bis ins Zentrum von Faizabad "
        "vorgedrungen. Los talibanes entraron en Qalat.",
        {"Maimana": "captured", "Faizabad": "contested", "Qalat": "contested"},
    ),
    "other languages: a district of a province taken is a part of the province": (
        "De Taliban tok over et distrikt i Faryab. Los talibanes tomaron el control de un "
        "distrito en la provincia de Logar. Die Taliban eroberten einen Bezirk in der Provinz "
        "Paktia.",
        {"Faryab": "contested", "Logar": "contested", "Paktia": "contested"},
    ),
    "other languages: a place named to say where another lies": (
        "Ghazni, à 150 km au sud-ouest de Kaboul, est la quatrième ville prise depuis le début "
        "de l'offensive. Los talibanes entraron en Charikar, a unos 60 kilómetros al norte de "
        "Kandahar, donde continúan los combates.",
        {"Ghazni": "contested", "Kaboul": "mentioned", "Kandahar": "mentioned"},
    ),
    "a bulleted list whose lead tells what happened a sentence before its colon": (
        "Since June the insurgents have overrun the districts below, listed by province. "
        "They lie in nine of the provinces:\n\n  \u2022 Zari district in Balkh\n  \u2022 Burka "
        "district in Baghlan\n\nOfficials met in the morning.\n\nThe roads reopened:\n\n"
        "  \u2022 Khulm district in Balkh\n",
        {"Zari": "captured", "Burka": "captured", "Khulm": "mentioned"},
    ),
    "a place left without fighting is no place fought over": (
        "Officials left Ghazni without fighting, the lawmaker said.",
        {"Ghazni": "mentioned"},
    ),
    "surrounding as an adjective besieges nothing": (
        "Gunmen loyal to the commander came into Faryab from the surrounding regions of "
        "Sar-e Pul and Samangan. The insurgents are surrounding Kunduz.",
        {"Sar-e Pul": "mentioned", "Samangan": "mentioned", "Kunduz": "contested"},
    ),
    "little fighting is no fighting; localities that fell are not the place named before": (
        "Little fighting has occurred in Bamyan and Panjshir provinces. A farmer who moved to "
        "the provincial capital, Lashkar Gah, said several localities had fallen to the "
        "insurgents.",
        {"Bamyan": "mentioned", "Panjshir": "mentioned", "Lashkar Gah": "mentioned"},
    ),
    "a place after 'out of' is no object of a taking": (
        "On Friday the insurgents captured more large towns as they pushed toward full "
        "control of the country and drew nearer to Kabul, with the embassy ready to fly "
        "hundreds of staff out of the capital each day.",
        # not captured: the group only drew nearer to it (contested, as the labels say)
        {"the capital": "contested"},
    ),
    "a fall that paves the way for another is a threat to it": (
        "Losing the two districts paves the way for the fall of Qalat, and the fall of Qalat "
        "cuts the highway.",
        {"Qalat": "contested"},
    ),
    "a province named before 'provincial capital of' only says whose capital it is": (
        "On Friday the insurgents took control of the southwestern Nimroz provincial capital "
        "of Zaranj. Elsewhere they took the Farah provincial capital.",
        {"Nimroz": "mentioned", "Zaranj": "captured", "Farah": "captured"},
    ),
    "the opposition's claims, by a commander or by the alliance itself": (
        "An opposition commander said anti-Taliban forces seized Maimana and Sheberghan. The "
        "Taliban have lost control of Kandahar, the Northern Alliance claimed.",
        {"Maimana": "claimed", "Sheberghan": "claimed", "Kandahar": "claimed"},
    ),
    "a headline attributed to a spokesman after its colon": (
        "Insurgents seize Sharana city, south of the capital: spokesman",
        {"Sharana": "claimed"},
    ),
    "Portuguese, Romanian and French: the pluperfect, a control taken, at the gates": (
        "Na terça-feira os talibãs já tinham tomado Farah, após dias de combates. "
        "Talibanii au preluat controlul asupra districtului Khulm. "
        "Les talibans sont aux portes de Kaboul.",
        {"Farah": "captured", "Khulm": "captured", "Kaboul": "contested"},
    ),
    "Turkish and Polish: a list joined by ve, in the group's hands, said to have taken": (
        "Kandahar ve Herat dün Taliban'ın kontrolüne geçmişti. Urzędy w Ghazni są w rękach "
        "talibów. Talibowie mieli przejąć także Sharana.",
        {"Kandahar": "captured", "Herat": "captured", "Ghazni": "captured", "Sharana": "claimed"},
    ),
    "all areas of a city fell; a list item after a border aside; an offensive defused": (
        "The governor said all areas of the city of Ghazni fell. The fighters took three "
        "capitals: Sheberghan, the capital of Jowzjan province; Zaranj, the capital of Nimruz "
        "province on the Iranian border; and Farah, the capital of the province of the same "
        "name. Troops have defused a Taliban offensive in Kandahar and Helmand provinces.",
        {
            "Ghazni": "captured",
            "Sheberghan": "captured",
            "Zaranj": "captured",
            "Farah": "captured",
            "Kandahar": "government",
            "Helmand": "government",
        },
    ),
    "German: the present 'fallen ... an die' before a colon list": (
        "In den Tagen danach fallen in schneller Folge weitere Städte an die Taliban, oft ohne "
        "Gegenwehr der Regierungstruppen: Kunduz, "
        "Taloqan und Farah.",
        {"Kunduz": "captured", "Taloqan": "captured", "Farah": "captured"},
    ),
    "troops who fled across a border, the group some km from a city, at its gateway": (
        "Hundreds of government troops fled on Monday across the border of Takhar province "
        "into Tajikistan. Some 900 soldiers fled the Badakhshan province and crossed into "
        "Tajikistan after clashes. Insurgents reportedly just 60km from Herat. We are now at "
        "the gateway of Kandahar city, a spokesman said.",
        {
            "Takhar": "contested",
            "Badakhshan": "contested",
            "Herat": "contested",
            "Kandahar": "contested",
        },
    ),
    "a taking still to come after a modal or a 'to'": (
        "An official said the insurgents could take Ghazni within weeks. They are pressing on "
        "in a bid to take Kandahar. The convoy will take the road to Herat.",
        {"Ghazni": "contested", "Kandahar": "contested", "Herat": "mentioned"},
    ),
    "Czech, Hungarian, Slovenian and Indonesian verbs of taking, falling and fighting": (
        "Hnutí se v pátek zmocnilo i města Farah. A tálibok elfoglalták Gazni városát. V noci "
        "je padel Herat. Pasukan itu merebut Taloqan. Kandahár városában harcok voltak.",
        {
            "Farah": "captured",
            "Gazni": "captured",
            "Herat": "captured",
            "Taloqan": "captured",
            "Kandahár": "contested",
        },
    ),
    "datelines with an agency credit and no dash": (
        "Kabul, June 26 (IANS) After two days of fierce fighting, insurgents seized a district "
        "in Nuristan province.\n\nHerat, Aug 14 (EFE).- The president said the top priority "
        "is to counter the Taliban offensive.",
        {"Kabul": "mentioned", "Herat": "mentioned"},
    ),
    "the capital reinforcements would come from is no city entered": (
        "\u201cIf reinforcements come from Kabul, and aircraft support the security forces, "
        "the insurgents cannot enter the city,\u201d said a deputy governor.",
        {"Kabul": "mentioned"},
    ),
    "a locator far after a place does not stretch its list over the verb": (
        "Chaghcharan, the provincial capital of Ghor, was surrendered to the Taliban on Friday "
        "without a shot being fired, a council member said, after local officials concluded "
        "that no reinforcements would come from Herat or Kabul.",
        {"Chaghcharan": "captured", "Herat": "mentioned"},
    ),
    # stop 36: shapes of the parts BN-BQ dev sides
    "a participle after a comma that lists the places taken": (
        "Over the weekend the group seized four capitals, taking Zaranj, Taloqan and the "
        "city of Kunduz. Officials said the harvest was taking longer in Herat.",
        {"Zaranj": "captured", "Taloqan": "captured", "Kunduz": "captured", "Herat": "mentioned"},
    ),
    "a province with a count of its districts out of government control": (
        "Badghis is next, with 5 of its 7 districts outside of government control.",
        {"Badghis": "contested"},
    ),
    "the group active in places, its fighters counted in a place": (
        "The Taliban and two allied foreign groups have been active in Faryab and Jowzjan. "
        "Officials say there are some 3,000 Taliban fighters in Zabul. Reporting has focused "
        "on the offensives in Kunduz, while the group has been active in other areas. With "
        "the fighting going on, the movement expanded its areas of influence in the south in "
        "provinces such as Uruzgan.",
        {
            "Faryab": "contested",
            "Jowzjan": "contested",
            "Zabul": "contested",
            "Kunduz": "contested",
            "Uruzgan": "contested",
        },
    ),
    "a count of a place's districts held": (
        "Survey data show that 5 of Ghazni's 19 districts are Taliban controlled and 3 of "
        "Zabul's 11 districts are contested.",
        {"Ghazni": "contested", "Zabul": "contested"},
    ),
    "not only is no negation, not denying is no denial": (
        "Government forces have retaken not only Charikar, but also two villages. The "
        "ministry did not deny that Aybak had fallen to the insurgents.",
        {"Charikar": "recaptured", "Aybak": "captured"},
    ),
    "after taking named places, a group that claimed a named city": (
        "The fighters now hold a third of the capitals after taking Herat and Ghazni on "
        "Thursday. Yesterday the group had claimed the western city of Farah. Soldiers came "
        "home after taking leave in Kabul.",
        {"Herat": "captured", "Ghazni": "captured", "Farah": "claimed", "Kabul": "mentioned"},
    ),
    "violence that intensifies across the country": (
        "The insurgents took Nerkh district just outside the capital Kabul as violence "
        "intensified across the country.",
        {"Nerkh": "captured", "Kabul": "mentioned"},
    ),
    "the armed group's attack on a place, not its bombing": (
        "Earlier this month the Taliban launched their first large-scale attack in Zabul "
        "province. Two civilians were killed in a Taliban attack during a wedding in Khost.",
        {"Zabul": "contested", "Khost": "violence"},
    ),
    "a place surrounded, told in passing after a preposition": (
        "The president flew to Balkh province, surrounded by Taliban-held territory, and "
        "then to Kunduz, already encircled, to meet commanders.",
        {"Balkh": "contested", "Kunduz": "contested"},
    ),
    "a fall told in apposition by a participle": (
        "Sheberghan, seized by the insurgents on Saturday, is the capital of Jowzjan. "
        "Families arrived from Taloqan, overrun by the militants last week.",
        {"Sheberghan": "captured", "Jowzjan": "mentioned", "Taloqan": "captured"},
    ),
    "a government that continues to control, the chances of a takeover": (
        "The government of Ashraf Ghani continues to control Kabul. Chances for a Taliban "
        "takeover of Jalalabad over the next week have grown.",
        {"Kabul": "government", "Jalalabad": "contested"},
    ),
    "an attack repulsed later in its sentence, fighting in the districts of a list": (
        "The Taliban attacked Chahar Kint district on Monday, officials said, but their "
        "attacks were repulsed. Four districts of Kunar have witnessed war, and fighting has "
        "been intensified in the districts of Alishing and Alingar of Laghman province.",
        {
            "Chahar Kint": "government",
            "Kunar": "contested",
            "Alishing": "contested",
            "Alingar": "contested",
        },
    ),
    "military operations still going on in a place": (
        "Military operations are still ongoing in Jaghori and Malistan, officials said.",
        {"Jaghori": "contested", "Malistan": "contested"},
    ),
    "the armed group drives the other side out of a place": (
        "Taliban forces drove Northern Alliance forces from the northern Kunduz province. The "
        "militants pushed government troops out of Khanabad on Monday.",
        {"Kunduz": "captured", "Khanabad": "captured"},
    ),
    "taken from the armed group, an anti-group movement retaking, a consulate": (
        "Army commandos managed to take control of the Kaldar district from the Taliban. "
        "With the anti-Taliban movement retaking Deh Salah over the weekend, staff were "
        "evacuated from the Mazar-i-Sharif consulate.",
        {"Kaldar": "recaptured", "Deh Salah": "recaptured", "Mazar-i-Sharif": "mentioned"},
    ),
    "pushing into a city": (
        "Insurgents began pushing into Lashkar Gah two weeks ago.",
        {"Lashkar Gah": "contested"},
    ),
    # stop 36: shapes of the parts BL-BM dev sides
    "taken without resistance: the taking, not its denial": (
        "The insurgents also took without resistance on Friday Qalat, and Sharana fell "
        "without a fight.",
        {"Qalat": "captured", "Sharana": "captured"},
    ),
    "a plural noun of capture": (
        "The seizures of Maimana and Gardez are the biggest gains yet.",
        {"Maimana": "captured", "Gardez": "captured"},
    ),
    "control grabbed or wrested, a city that succumbed to an attack": (
        "After the militants grabbed control of their old stronghold Kandahar, Kunduz "
        "succumbed to a large dawn assault.",
        {"Kandahar": "captured", "Kunduz": "captured"},
    ),
    "a district on the verge of collapse": (
        "Officials said the district of Zurmat in Paktia is on the verge of collapse.",
        {"Zurmat": "contested"},
    ),
    "the seat a group is aligned with": (
        "Months of fighting pitted the insurgents against militias aligned with Kabul.",
        {"Kabul": "mentioned"},
    ),
    "a border clash with a neighbour's forces": (
        "A guard was killed on Sunday in clashes with Iranian border forces in Nimroz province.",
        {"Nimroz": "violence"},
    ),
    # stop 35: shapes of the parts AX-BE dev sides
    "a push that has seen fighting around the places after it": (
        "A renewed push by the insurgents last week has seen heavy fighting around the "
        "cities of Kandahar and Herat.",
        {"Kandahar": "contested", "Herat": "contested"},
    ),
    "the armed group heading towards a city, families heading for one": (
        "The insurgents are now heading towards the capital, Kabul. Thousands of families "
        "are heading for Mazar-i-Sharif.",
        {"Kabul": "contested", "Mazar-i-Sharif": "mentioned"},
    ),
    "close to taking a city": (
        "Fighters were said on Tuesday to be close to taking Kandahar.",
        {"Kandahar": "contested"},
    ),
    "a city that could be overtaken or taken": (
        "Officials warned that Kabul could be overtaken within weeks and that Jalalabad may be "
        "taken next.",
        {"Kabul": "contested", "Jalalabad": "contested"},
    ),
    "overtook as a capture, taken care of as none": (
        "The militants overtook Sheberghan on Saturday. Returnees will be taken care of in a "
        "camp in Lalpur district.",
        {"Sheberghan": "captured", "Lalpur": "mentioned"},
    ),
    "the group's former stronghold is no hold now": (
        "A commando who served in the Taliban's former stronghold of Kandahar spoke to us.",
        {"Kandahar": "mentioned"},
    ),
    "a claimed entry confirmed by an official stays an entry": (
        "A lawmaker and the Taliban say the fighters have seized Jalalabad, cutting off "
        "Kabul from the east.",
        {"Jalalabad": "captured", "Kabul": "contested"},
    ),
    "foreign forces leaving a base lose it to no side": (
        "Two days earlier American and NATO forces had abandoned Bagram Air Base, their hub "
        "for two decades.",
        {"Bagram Air Base": "mentioned"},
    ),
    "a capture told as reports of it": (
        "The border was shut following reports of Taliban fighters taking control of the "
        "Spin Boldak crossing. There were reports of clashes near Pul-i-Khumri, which is "
        "under Taliban control.",
        {"Spin Boldak": "claimed", "Pul-i-Khumri": "captured"},
    ),
    "so has X: the verb before, elided": (
        "Ghazni fell on Thursday and now, according to reports, so has Herat.",
        {"Ghazni": "captured", "Herat": "claimed"},
    ),
    "paving the way for a fall is no fall": (
        "The loss of two districts paves the way for the fall of Qalat.",
        {"Qalat": "contested"},
    ),
    "districts surrounding a capital are a part of its province": (
        "The insurgents seized several districts surrounding Kandahar City on Monday.",
        {"Kandahar": "contested"},
    ),
    "the wounded taken to hospital in a city": (
        "Many wounded fighters were taken to a military hospital in Kabul, sources said.",
        {"Kabul": "mentioned"},
    ),
    "deaths in copy about an earthquake are the disaster's": (
        "A strong earthquake struck the east before dawn on Wednesday. Most deaths were in "
        "Barmal and Gayan districts, and at least 25 people were killed in Khost province, "
        "where the earthquake flattened hundreds of homes.",
        {"Barmal": "mentioned", "Gayan": "mentioned", "Khost": "mentioned"},
    ),
    "a bombing in copy that also tells of floods is violence": (
        "Floods swept through Baghlan on Friday, and the floods killed 40 people there. In "
        "Kabul, a suicide bomber killed five people at a mosque.",
        {"Baghlan": "mentioned", "Kabul": "violence"},
    ),
    "a disaster named once may be a figure of speech": (
        "A trickle of surrendering fighters became a flood on Saturday. At least nine people "
        "were killed in Kunduz.",
        {"Kunduz": "violence"},
    ),
    "operations carried out in a list of provinces": (
        "Security forces carried out clearance operations in Ghazni, Zabul and Faryab "
        "provinces overnight. Rescue operations continued in Herat province.",
        {"Ghazni": "contested", "Zabul": "contested", "Faryab": "contested", "Herat": "mentioned"},
    ),
    "moving toward a city, eyeing others": (
        "How have they moved toward Mazar-i-Sharif so fast? The insurgents are now eyeing "
        "big cities like Herat and Kandahar. Many families are moving towards Kabul.",
        {
            "Mazar-i-Sharif": "contested",
            "Herat": "contested",
            "Kandahar": "contested",
            "Kabul": "mentioned",
        },
    ),
    "the organization or the movement said": (
        "On Friday the organization said it had seized Pul-e-Alam. The Taliban movement (a "
        "group banned in Russia) announced the capture of Sharana on Saturday.",
        {"Pul-e-Alam": "claimed", "Sharana": "claimed"},
    ),
    "a list item placed in a region": (
        "The insurgents have also seized Sar-e-Pul and Taloqan in the northern region, and "
        "Zaranj city in the west.",
        {"Sar-e-Pul": "captured", "Taloqan": "captured", "Zaranj": "captured"},
    ),
    "a distance from the national capital of Kabul": (
        "Pul-e-Alam, about 60 km south of the national capital of Kabul, has seen heavy "
        "clashes since Friday.",
        {"Pul-e-Alam": "contested", "Kabul": "mentioned"},
    ),
    "an act dated by its month and year is history": (
        "The alliance had fought them since their September 1996 takeover of Kabul.",
        {"Kabul": "mentioned"},
    ),
    "increased resistance in a list of provinces": (
        "There have been reports of increased resistance against the regime in the provinces "
        "of Kapisa and Parwan.",
        {"Kapisa": "contested", "Parwan": "contested"},
    ),
    "the militants now have a presence": (
        "In Ghazni the militants now have a strong presence.",
        {"Ghazni": "contested"},
    ),
    "the city, right after a place named to locate another, is the place located": (
        "Pul-e-Alam, about 60 km south of Kabul, has seen heavy clashes since the "
        "insurgents stormed the city on Friday.",
        {"Pul-e-Alam": "contested", "Kabul": "mentioned"},
    ),
    "the city, long after a place named to locate another, may be that place": (
        "The insurgents have captured Sarobi, 45 miles east of Kabul, which lets them march "
        "on within a few miles of the centre. Diplomats said the garrison had lost heart, "
        "that food and fuel were short, that the airport had closed and that most of the "
        "ministries had already emptied their offices and sent their staff home to wait. "
        "Two days later the fighters swept into the city.",
        {"Sarobi": "captured", "Kabul": "captured"},
    ),
    "a verb whose object is the whole country speaks of no place after it": (
        "Though the Taliban took control of Afghanistan in August, some areas are still a "
        "no-go zone for them, especially Nangarhar province. Elsewhere they swept through "
        "the country taking Kandahar and Herat.",
        {"Nangarhar": "mentioned", "Kandahar": "captured", "Herat": "captured"},
    ),
    "the reported fall of a city is hearsay": (
        "The regime looked close to collapse after the reported surrender of Kandahar.",
        {"Kandahar": "claimed"},
    ),
    "in a year, when the group seized the city": (
        "He commanded a corps in Herat in 1995 when the Taleban seized the city, he said. "
        "It echoes a tactic used in October 2015 after the Taliban took control of Kunduz.",
        {"Herat": "mentioned"},
    ),
    "bulleted places under a heading that ends in a colon": (
        "Districts that have fallen to the insurgents since May 1:\n\n"
        "  \u2022 Zari district in Balkh\n"
        "  \u2022 Jawand and Qadis districts in Badghis\n"
        "Qadis was retaken days later.",
        {"Zari": "captured", "Jawand": "captured", "Balkh": "mentioned"},
    ),
    "a bulleted line under no heading takes nothing": (
        "The aid went to these places.\n  \u2022 Zari district in Balkh\n",
        {"Zari": "mentioned"},
    ),
    "the conquest of cities, cities overthrown, rebels who occupied one": (
        "They made great strides, including the conquest of Herat. Kandahar has been "
        "overthrown by the insurgents. Later, rebels occupied Mihtarlam without a fight.",
        {"Herat": "captured", "Kandahar": "captured", "Mihtarlam": "captured"},
    ),
    "a claim over a province, moving closer to the capital": (
        "The group announced a claim over Ghazni. Its fighters moved closer to Kabul.",
        {"Ghazni": "claimed", "Kabul": "contested"},
    ),
    "the fall of a regime is no place's": (
        "In 2005, a few years after the fall of the Taliban regime, I was in Bamiyan.",
        {"Bamiyan": "mentioned"},
    ),
    "the capitals in a province, with asides, are the capitals": (
        "Officials said the group had also taken the capitals in Zabul province, in the "
        "south, and Ghor, in the west.",
        {"Zabul": "captured", "Ghor": "captured"},
    ),
    # the armed group losing ground (2001 copy)
    "a city falls to the group's enemies": (
        "Mazar-i-Sharif fell to the alliance on Friday. Viewers saw the fall of Kabul to the "
        "Northern Alliance live. Herat fell to the Taliban after a week.",
        {"Mazar-i-Sharif": "recaptured", "Kabul": "recaptured", "Herat": "captured"},
    ),
    "a city held by the group's enemies": (
        "In the alliance-held city of Mazar-i-Sharif, a prisoner set off a grenade.",
        {"Mazar-i-Sharif": "government"},
    ),
    "ousting the group from a city": (
        "The weekend saw opposition forces oust the Taliban from Kunduz.",
        {"Kunduz": "recaptured"},
    ),
    "the one place excepted from the group's retreat": (
        "The ruling Taleban have retreated from all the northern provinces except Kunduz.",
        {"Kunduz": "captured"},
    ),
    "provinces outside the group's control": (
        "The only provinces left outside Taliban control were Takhar and Badakhshan.",
        {"Takhar": "government"},
    ),
    "a second verb shares the first one's subject": (
        "Kunduz fell twice to the Taliban, in 2015 and 2016, but was retaken both times. "
        "Farah fell and Qalat was recaptured.",
        {"Kunduz": "recaptured", "Farah": "captured", "Qalat": "recaptured"},
    ),
    # lists: asides, dashes, possessives, parentheses, unknown names
    "list with appositive asides": (
        "The movement took three capitals over the weekend - Zaranj, the capital of the "
        "province of Nimroz, Sar-e-Pul, the capital of the northern province of the same "
        "name, and Taloqan, the capital of Takhar province.",
        {
            "Zaranj": "captured",
            "Sar-e-Pul": "captured",
            "Taloqan": "captured",
            "Nimroz": "mentioned",
        },
    ),
    "a control verb missing its preposition": (
        "An official said the insurgents on Friday took control the Torghundi crossing.",
        {"Torghundi": "captured"},
    ),
    "retreats as a noun, from a list of places we may not know, each in its province": (
        "Army units made tactical retreats from Zarghun in Khost, Ab-band in Ghazni, and "
        "Warduj in Badakhshan provinces overnight.",
        {"Khost": "contested", "Ghazni": "contested", "Warduj": "captured"},
    ),
    # an analysis's own verdicts
    "an analyst assesses districts as held or contested": (
        "On this evidence the monitors assess Ghormach as Taliban controlled, and Almar, "
        "Qaysar and Kohistan as contested.",
        {"Ghormach": "captured", "Almar": "contested", "Qaysar": "contested"},
    ),
    "a foothold is a presence": (
        "In the north the insurgents have kept a foothold around Kunduz for two years.",
        {"Kunduz": "contested"},
    ),
    "capitals that remain threatened": (
        "Several provincial capitals remain directly threatened by the insurgents, "
        "including Kunduz City and Lashkar Gah.",
        {"Kunduz": "contested", "Lashkar Gah": "contested"},
    ),
    "a city ravaged": (
        "Herat, the country's third city, has also been ravaged.",
        {"Herat": "violence"},
    ),
    "a list closed by a dash, then one more item": (
        "On Friday the insurgents took the two biggest cities of the south - Kandahar and "
        "Lashkar Gah, respectively - as well as Qalat, the Zabul capital.",
        {"Kandahar": "captured", "Lashkar Gah": "captured", "Qalat": "captured"},
    ),
    "one more item along with the list": (
        "The capitals they have taken are: Aybak and Taloqan in the north, along with Farah "
        "in the west.",
        {"Aybak": "captured", "Taloqan": "captured", "Farah": "captured"},
    ),
    "provinces with their capitals in parentheses": (
        "Overnight the fighters seized the capitals of Uruzgan province (Tarin Kot) and "
        "Ghor (Chaghcharan).",
        {"Tarin Kot": "captured", "Ghor": "captured", "Chaghcharan": "captured"},
    ),
    "forces surrender a place to the insurgents": (
        "Army units surrender Bagram air base to Taliban after a night of talks.",
        {"Bagram air base": "captured"},
    ),
    "a district named with an adjective is no locator of itself": (
        "Troops have regained control over the strategic Spin Boldak district, the ministry "
        "said on Friday.",
        {"Spin Boldak": "recaptured"},
    ),
    "a spokesman for the group, then one more item in other provinces": (
        "A spokesman for the group said on Twitter that its fighters had seized these "
        "districts in the southern provinces of Zabul and Uruzgan, as well as in the "
        "eastern provinces of Nuristan and Kunar.",
        {"Zabul": "claimed", "Uruzgan": "claimed", "Nuristan": "claimed", "Kunar": "claimed"},
    ),
    "hearsay said at the end": (
        "The governor of Farah surrendered to the Taliban and then fled abroad, the media "
        "reports said.",
        {"Farah": "claimed"},
    ),
    "the insurgents carry out attacks in a list of provinces, after a fronted place": (
        "Apart from Uruzgan, the Taliban this week also carried out attacks in Kunar, "
        "Laghman and Logar provinces.",
        {"Kunar": "contested", "Laghman": "contested", "Logar": "contested"},
    ),
    "the insurgents' attacks in a place, as a noun": (
        "Families displaced by the Taliban attacks in Kunar arrived in Jalalabad this week.",
        {"Kunar": "contested"},
    ),
    "one more item 'as well as in' a place": (
        "Clashes went on in Kunduz and Takhar, as well as in Paktia and Khost in the east, "
        "officials said.",
        {"Kunduz": "contested", "Paktia": "contested", "Khost": "contested"},
    ),
    "a map's labels flattened into one line under its legend": (
        "Kabul braced for the worst on Friday.\n"
        "Provincial capitals seized since Aug. 6\n"
        "IRAN +TURKMENISTAN Faizabad Kunduz Taloqan Aibak\n"
        "Pul-e-\nKhumri\nHerat\nKabul\nGhazni\nFarah\n"
        "By Friday night the first troops had landed to guard the airport.",
        {"Faizabad": "captured", "Aibak": "captured", "Herat": "captured", "Ghazni": "captured"},
    ),
    "the government controls a list of cities": (
        "The government controls Kabul, as well as major cities such as Kandahar and Herat.",
        {"Kabul": "government", "Kandahar": "government", "Herat": "government"},
    ),
    "kept from falling": (
        "Officials say air power is keeping the provinces of Kandahar and Helmand from "
        "falling into insurgent hands for now.",
        {"Kandahar": "contested", "Helmand": "contested"},
    ),
    "in its crosshairs": (
        "Now, with Kabul in its crosshairs, the movement is stronger than at any time since 2001.",
        {"Kabul": "contested"},
    ),
    "a retrospective's 'would' with a past day is the past": (
        "Then the two largest cities of the south, Kandahar and Lashkar Gah, would fall to "
        "the insurgents on Thursday.",
        {"Kandahar": "captured", "Lashkar Gah": "captured"},
    ),
    "a forecast's 'would' stays a forecast": (
        "If the army collapses, Kandahar would fall within weeks, an analyst said.",
        {"Kandahar": "contested"},
    ),
    "a colon list after 'would fall', a day given": (
        "Within days, other cities would fall the same way: the key city of Kunduz on Sunday.",
        {"Kunduz": "captured"},
    ),
    "the group's areas listed after a colon, each in its province": (
        "The Taliban-controlled areas are: Obe in Herat province, Saghar in Ghor province "
        "and Arghandab in Zabul.",
        {"Obe": "captured", "Saghar": "captured", "Arghandab": "captured", "Herat": "mentioned"},
    ),
    "large swathes held or contested": (
        "Large swathes of Wardak and neighbouring Logar have been controlled or contested "
        "for years by the insurgents.",
        {"Wardak": "contested", "Logar": "contested"},
    ),
    "taken, then lost to the other side": (
        "Insurgents seized two districts in Kunduz and Baghlan provinces last week but later "
        "lost them to security forces.",
        {"Kunduz": "recaptured", "Baghlan": "recaptured"},
    ),
    "an area held by the group near a place is not the place": (
        "The convoy moved through Taliban-held areas near Kandahar overnight.",
        {"Kandahar": "mentioned"},
    ),
    "the crossing refers back to the crossing named before": (
        "The insurgents said Torghundi had been fully captured. The ministry said forces "
        "had been sent to recapture the crossing.",
        {"Torghundi": "contested", "the crossing": "contested"},
    ),
    "a crossing named by its border is a new one": (
        "Fighters seized Torghundi on Monday. On Friday they took the border crossing with "
        "Iran too.",
        {"Torghundi": "captured"},
    ),
    "strikes on the group's positions in a place are a fight over it": (
        "Afghan and US aircraft kept up airstrikes against Taliban positions around Lashkar "
        "Gah on Tuesday.",
        {"Lashkar Gah": "contested"},
    ),
    "a name the copy calls a city, after a list of provinces": (
        "The insurgents have taken four capitals: Zaranj in Nimroz province, Sheberghan in Jawzjan "
        "province, Kunduz City in Kunduz province, and Taloqan in Takhar province.",
        {"Sheberghan": "captured", "Kunduz": "captured", "Taloqan": "captured"},
    ),
    "the adjacent areas of more places, after a claim": (
        "Its fighters claimed they had seized the city of Jalalabad in the east and the "
        "adjacent areas of Laghman and Kunar.",
        {"Jalalabad": "claimed", "Laghman": "claimed", "Kunar": "claimed"},
    ),
    "ousted from power is no place retaken": (
        "Twenty years after foreign troops ousted the Taliban from power, the movement is "
        "back in Kabul.",
        {"Kabul": "mentioned"},
    ),
    "a title-case headline: a capitalised word beside a name is no longer name": (
        "Kabul Falls to the Taliban\n\nThe insurgents entered the presidential palace on "
        "Sunday evening.",
        {"Kabul": "captured"},
    ),
    "a title-case headline on a province's districts": (
        "Paktika Districts Fall to Taliban after Intense Fighting\n\nTwo districts were "
        "overrun on Tuesday, an official said.",
        {"Paktika": "contested"},
    ),
    "a headline on one district of a province": (
        "Taliban Overruns Faryab District\n\nThe district fell after a week of fighting.",
        {"Faryab": "contested"},
    ),
    "no longer under government control": (
        "A lawmaker confirmed that Kandahar was no longer under government control.",
        {"Kandahar": "captured"},
    ),
    "no longer under the group's control is a recapture's negation": (
        "Officials said Kunduz is no longer under Taliban control.",
        {"Kunduz": "government"},
    ),
    "the group established in a province": (
        "It seems the Taliban are now established in much of Badakhshan.",
        {"Badakhshan": "contested"},
    ),
    "a fall that would be a blow, after a long apposition": (
        "Analysts said the loss of Kandahar and Herat, the country's second- and third-largest "
        "cities by population, would be a major blow to the government.",
        {"Kandahar": "contested", "Herat": "contested"},
    ),
    "conflict in the country is about no place named after it": (
        "Despite intensifying conflict in Afghanistan, the charity runs hospitals in Lashkar "
        "Gah, Kunduz and Khost.",
        {"Lashkar Gah": "mentioned", "Kunduz": "mentioned", "Khost": "mentioned"},
    ),
    "fighting in the country's valley is there": (
        "Scores of civilians have fled fighting in Afghanistan's Panjshir Valley.",
        {"Panjshir": "contested"},
    ),
    "one attack carried out is violence": (
        "The Taliban carried out a suicide attack in Logar on Monday, killing four.",
        {"Logar": "violence"},
    ),
    # a tally by region: one verb, counted items, each list in parentheses
    "items counted by region share the verb said once": (
        "The insurgents threaten three capitals in the north (Kunduz City and Taloqan) and "
        "two in the south (Tarin Kot and Qalat), and one in the west (Farah City).",
        {
            "Kunduz": "contested",
            "Taloqan": "contested",
            "Tarin Kot": "contested",
            "Qalat": "contested",
            "Farah": "contested",
        },
    ),
    "a tally of districts held and contested, with an adverb before the verb": (
        "Of the province's districts, the Taliban currently control two (Ghormach and "
        "Kohistan), and contest four more (Almar, Qaysar and Dawlatabad).",
        {
            "Ghormach": "captured",
            "Kohistan": "captured",
            "Almar": "contested",
            "Qaysar": "contested",
            "Dawlatabad": "contested",
        },
    ),
    "an election contested is no fighting": (
        "Candidates in Ghazni contest the election results announced last week.",
        {"Ghazni": "mentioned"},
    ),
    "the gate of a valley held is a part of it": (
        "Photographs show that the Taliban also control the gate of the Panjshir valley.",
        {"Panjshir": "contested"},
    ),
    "hills above a base are not the base": (
        "The militants still control the hills to the north, above the Bagram air base.",
        {"Bagram air base": "mentioned"},
    ),
    # an act in the infinitive is an aim, however far its "to" stands from the cue
    "an aim in the infinitive, far from its cue": (
        "The insurgents, who hold every district of the province, have been fighting for "
        "well over a month now to capture Taloqan.",
        {"Taloqan": "contested"},
    ),
    "an infinitive after a verb of success is the act": (
        "After a week of clashes the insurgents finally managed to capture Taloqan.",
        {"Taloqan": "captured"},
    ),
    "an infinitive after an ordinal is the act": (
        "On Friday Zaranj became the first provincial capital to fall.",
        {"Zaranj": "captured"},
    ),
    "a hedge before a perfect infinitive is no aim": (
        "Khanabad district was said to have fallen to the insurgents a week ago.",
        {"Khanabad": "claimed"},
    ),
    "a return to government control is a recapture; the participle before it is background": (
        "Districts overrun by the insurgents in the nearby provinces of Ghor and Samangan "
        "have been returned to government control this week, the governor said.",
        {"Ghor": "recaptured", "Samangan": "recaptured"},
    ),
    "should is a modal": (
        "A commander of the militia said the fighters were advancing and that Herat should "
        "fall within two days.",
        {"Herat": "contested"},
    ),
    "last fall is a season": (
        "The president toured Kunduz last fall to open a new hospital for the province.",
        {"Kunduz": "mentioned"},
    ),
    "a province of the country locates the district before it, however long the phrase": (
        "Officials said Jani Khel district in Afghanistan's eastern province of Paktia was "
        "retaken by commandos on Monday.",
        {"Jani Khel": "recaptured", "Paktia": "mentioned"},
    ),
    "a siege ended": (
        "Days after his men ended the long siege of their Panjshir valley stronghold, the "
        "commander moved south.",
        {"Panjshir": "government"},
    ),
    "a dateline in capitals with the credit in parentheses": (
        "KABUL (Some Wire / Another Agency - 22nd March, 2021) The centre of Charkh district in "
        "Logar province has fallen to the Taliban, residents said.",
        {"KABUL": "mentioned"},
    ),
    "taken back is a recapture, and outskirts are a subject of their own": (
        "\u201cThings in Ghazni are improving, most of the villages lost on the outskirts are "
        "being taken back by our forces,\u201d a council member said.",
        {"Ghazni": "mentioned"},
    ),
    "a place taken back": (
        "Officials said Khwaja Ghar district was taken back from the insurgents overnight.",
        {"Khwaja Ghar": "recaptured"},
    ),
    "a province named before its district locates it": (
        "Families flee as insurgents seize key Kandahar district",
        {"Kandahar": "mentioned"},
    ),
    "a province named before its districts, counted": (
        "Witnesses said the fighters overran eight Panjshir districts during the night.",
        {"Panjshir": "mentioned"},
    ),
    "a recapture in the group's spokesman's words is its claim": (
        "Taliban spokesman Zabihullah Mujahid said Anaba district had been cleared of "
        "resistance fighters by the morning.",
        {"Anaba": "claimed"},
    ),
    "the group's own word on its withdrawal is no claim": (
        "The Taliban announced that they had withdrawn completely from Kunduz on Tuesday.",
        {"Kunduz": "recaptured"},
    ),
    "an armed presence after the place": (
        "Several valleys in Badakhshan that were hit by the floods have a Taliban presence, "
        "officials said.",
        {"Badakhshan": "contested"},
    ),
    "allied groups operating in a place": (
        "The front's fighters are mostly confined to their home valley, with allied groups "
        "operating in the nearby Andarab valley.",
        {"Andarab": "contested"},
    ),
    "a presence abroad is no presence here": (
        "The United Nations keeps a large presence in Kabul, a spokesman said.",
        {"Kabul": "mentioned"},
    ),
    "the insurgents hold only parts of a city": (
        "Officials insisted the insurgents held only parts of Sheberghan on Sunday.",
        {"Sheberghan": "contested"},
    ),
    "a failure of something else before a retreat": (
        "\u201cAfter Kabul failed to send us any help, we withdrew from Taloqan this "
        "afternoon,\u201d a soldier said.",
        {"Taloqan": "captured"},
    ),
    "a failure that governs the act": (
        "The insurgents tried again on Monday to capture Taloqan.",
        {"Taloqan": "contested"},
    ),
    "May the month is no modal": (
        "In May, insurgents overran the western city of Farah after a week of clashes.",
        {"Farah": "captured"},
    ),
    "may the modal": (
        "Officials warned that the western city of Farah may fall within days.",
        {"Farah": "contested"},
    ),
    "an attack over a place": (
        "Insurgents have launched a coordinated attack over Jaghori district since early "
        "Wednesday, a local official said.",
        {"Jaghori": "contested"},
    ),
    "attacks over a period are no place": (
        "Attacks over the past week have killed 20 people in Kunduz, officials said.",
        {"Kunduz": "violence"},
    ),
    "a place that came under the control of government forces": (
        "Khwaja Ghar district came back under the control of Afghan forces on Monday.",
        {"Khwaja Ghar": "recaptured"},
    ),
    "a dateline with two agencies in its credit": (
        "Kabul [Afghanistan], June 21 (ANI/Xinhua): Government forces in an overnight "
        "counter-offensive have retaken two districts in Takhar province.",
        {"Kabul": "mentioned"},
    ),
    "celebratory gunfire is no fighting": (
        "Celebratory gunfire rang out across Kabul on Friday night after the group said it "
        "had taken the valley.",
        {"Kabul": "mentioned"},
    ),
    # plural anaphora: "the three districts", "those provinces" name the last list
    "a counted plural names the last list": (
        "Local militias fought the Taliban around Banu, Deh Salah and Pul-e-Hesar on "
        "Friday. By Monday the Taliban had taken the three districts.",
        {"Banu": "captured", "Deh Salah": "captured", "Pul-e-Hesar": "captured"},
    ),
    "those provinces, after a place that is no item of the list": (
        "Residents saw soldiers from Kapisa, Baghlan and Takhar heading to Panjshir after "
        "those provinces fell.",
        {
            "Kapisa": "captured",
            "Baghlan": "captured",
            "Takhar": "captured",
            "Panjshir": "mentioned",
        },
    ),
    "a count the copy does not bear out names nothing": (
        "Fighters attacked Kunduz and Baghlan. They later took the three provinces, "
        "officials said.",
        {"Kunduz": "contested", "Baghlan": "contested"},
    ),
    "a plural phrase that names its places after it refers to nothing": (
        "The two districts of Khoshi and Mohammad Agha, closest to Kabul, are calm. Khost "
        "and Paktia saw fighting.",
        {"Khoshi": "mentioned"},
    ),
    "have come under pressure": (
        "The provincial capitals of Herat and Kandahar in particular have come under "
        "significant pressure.",
        {"Herat": "contested", "Kandahar": "contested"},
    ),
    "massing near a place": (
        "With the insurgents sweeping through the north and massing near Kabul, the "
        "government vowed to resist.",
        {"Kabul": "contested"},
    ),
    "the noun 'Taliban control' after 'into' holds no verb": (
        "A council member said all but one of its districts had fallen into Taliban control "
        "and Faizabad, the provincial capital, was surrounded.",
        {"Faizabad": "contested"},
    ),
    "an unverified count of the displaced is no doubt about the fighting": (
        "Fighting in Nesh has reportedly displaced around 1,400 unverified individuals, with "
        "assessments ongoing.",
        {"Nesh": "contested"},
    ),
    "deaths in an avalanche are no violence": (
        "In Badakhshan, an avalanche in Shahr-e-Buzurg district killed eight people and "
        "wounded eight more.",
        {"Shahr-e-Buzurg": "mentioned"},
    ),
    "a tribal conflict is no fighting between the sides": (
        "A tribal conflict over water rights has displaced families in Badghis.",
        {"Badghis": "mentioned"},
    ),
    "a closed relative clause between the subject and its verb": (
        "The army chief said Zherai and Panjwai districts, which came under attack two weeks "
        "ago, have been cleared of the insurgents.",
        {"Zherai": "recaptured", "Panjwai": "recaptured"},
    ),
    "an aim in the infinitive with an adverb": (
        "The insurgents mounted a massive offensive to forcibly capture Kunduz.",
        {"Kunduz": "contested"},
    ),
    "that includes: the list the sentence before spoke of": (
        "The insurgents have taken 12 provincial capitals in a week. That includes the "
        "second- and third-largest cities, Herat and Kandahar.",
        {"Herat": "captured", "Kandahar": "captured"},
    ),
    "squeezing a place": (
        "Squeezing Kabul, insurgents take another provincial capital",
        {"Kabul": "contested"},
    ),
    "list after an em dash": (
        "Insurgents seized two more cities on Monday \u2014 Kunduz and Aybak.",
        {"Kunduz": "captured", "Aybak": "captured"},
    ),
    "list between double hyphens before its verb": (
        "Three more provincial capitals -- the cities of Jalalabad, Gardiz and Nilli -- fell "
        "to the Taliban in recent hours.",
        {"Jalalabad": "captured", "Gardiz": "captured", "Nilli": "captured"},
    ),
    "possessor locates": (
        "The insurgents have seized Andarab's Banu, Deh Salah and Pul-e-Hisar districts of Baghlan.",
        {"Banu": "captured", "Pul-e-Hisar": "captured", "Baghlan": "mentioned"},
    ),
    "possessors in a list the verb follows": (
        "Government troops retook Nawur district, but Farah's Bakwa district and "
        "Ghazni's Andar district fell to the insurgents overnight, officials said.",
        {"Bakwa": "captured", "Andar": "captured", "Nawur": "recaptured", "Farah": "mentioned"},
    ),
    "possessor and its place after a verb": (
        "Fighters overran Kunduz and Baghlan's Nahrin district within a day.",
        {"Kunduz": "captured", "Nahrin": "captured", "Baghlan": "mentioned"},
    ),
    "a hold of months stated with the actor": (
        "The Taliban have held Khanashin district for months, and government forces have held "
        "talks with elders in Lashkar Gah.",
        {"Khanashin": "captured", "Lashkar Gah": "mentioned"},
    ),
    "people helped where they are, not where they fled from": (
        "Aid teams reached 4,000 families displaced by conflict in Takhar and Kunduz provinces; "
        "some 700 had been displaced from Dasht-e-Archi district due to fighting.",
        {"Takhar": "mentioned", "Dasht-e-Archi": "contested"},
    ),
    "parenthesised provinces": (
        "The movement had captured two more provincial capitals, Tirin Kot (Uruzgan) and "
        "Firoz Koh (Ghor).",
        {"Tirin Kot": "captured", "Firoz Koh": "captured", "Uruzgan": "mentioned"},
    ),
    "list with names we do not know": (
        "A Taliban spokesman says the fighters captured Doab district in Nuristan province, "
        "Borkah in Baghlan, Gezab in Uruzgan and Charkh in Logar.",
        {"Doab": "claimed", "Charkh": "claimed"},
    ),
    "list with unknown names between known ones": (
        "Officials said scores of militants died in attacks on the Bolan Canal, Lashkar Gah, "
        "Shadi Canal, Kandahar, Arghandab and Herat.",
        {"Lashkar Gah": "contested", "Kandahar": "contested", "Herat": "contested"},
    ),
    "long list of districts, some unknown, each located in its province": (
        "Insurgents have overrun the districts of Choora in Uruzgan in the south, Bar Gul and "
        "Tor Kalay in Paktia in the east and Zarin Tapa and Chahar Dara in Kunduz province.",
        {"Choora": "captured", "Paktia": "contested", "Chahar Dara": "captured"},
    ),
    "including after a state": (
        "The fighters control 20 of the 34 provincial capitals, including Kandahar, and the "
        "third largest, Herat.",
        {"Kandahar": "captured", "Herat": "captured"},
    ),
    "apposition of the capital": (
        "Insurgents continue to advance towards the national capital, Kabul.",
        {"Kabul": "contested"},
    ),
    # verbs and states of published copy
    "perfect with an adverb": (
        "Fighters had already taken the provincial capital of Kunduz and Lashkar Gah.",
        {"the provincial capital of Kunduz": "captured", "Lashkar Gah": "captured"},
    ),
    "in control of the capital": (
        "Commanders walked into the palace and are now in control of Kabul.",
        {"Kabul": "captured"},
    ),
    "imposed control": (
        "Hours later, fighters imposed control of Mazar-i-Sharif.",
        {"Mazar-i-Sharif": "captured"},
    ),
    "surrendered": (
        "Officials said Badghis and Helmand provinces had surrendered.",
        {"Badghis": "captured"},
    ),
    "under Taliban hands": (
        "Now that Kandahar is under Taliban hands, more forces can move elsewhere.",
        {"Kandahar": "captured"},
    ),
    "controlled by": (
        "Nawa and Musa Qala are controlled by the Taliban, local elders say.",
        {"Nawa": "captured", "Musa Qala": "captured"},
    ),
    "approaching": (
        "The rebels, who are now approaching Kabul, met little resistance.",
        {"Kabul": "contested"},
    ),
    "actor inside": (
        "Four officials told reporters that the Taliban were in the districts of Kalakan and Paghman.",
        {"Kalakan": "contested", "Paghman": "contested"},
    ),
    "reached": (
        "Armed groups have reached Badakhshan and Takhar this week.",
        {"Badakhshan": "contested", "Takhar": "contested"},
    ),
    "kilometres away": (
        "Opposition commanders say they are 15 kilometres from Herat.",
        {"Herat": "contested"},
    ),
    # roundups and carried subjects
    "roundup: followed by": (
        "Zaranj fell on Friday. This was followed by Sheberghan on Saturday.",
        {"Zaranj": "captured", "Sheberghan": "captured"},
    ),
    "roundup: then came": (
        "Then came the key city of Kunduz, and the provincial capital of Sar-e-Pul.",
        {"Kunduz": "captured", "the provincial capital of Sar-e-Pul": "captured"},
    ),
    "roundup: among those seized": (
        "The capital, Kunduz, was already among those seized.",
        {"Kunduz": "captured"},
    ),
    "subject carried from the sentence before": (
        "The insurgents are attacking four provincial capitals this week. They are the "
        "centres of Herat, Kandahar and Zabul provinces.",
        {"Herat": "contested", "Kandahar": "contested"},
    ),
    # partial control and the part of a place
    "most of the town": (
        "Residents say the militants are in control of most of Ghazni.",
        {"Ghazni": "contested"},
    ),
    "parts of the city": (
        "The group launched a night assault on Ghazni, taking control of parts of the city.",
        {"Ghazni": "contested"},
    ),
    "buildings in the city": (
        "Fighters seized key government buildings in Kunduz, leaving troops at the airport.",
        {"Kunduz": "contested"},
    ),
    "a town in the province": (
        "Officials say some 200 fighters have captured a town in Helmand Province.",
        {"Helmand": "contested"},
    ),
    "university of the city": (
        "Fighters moved into the west of the capital, capturing Kabul University.",
        {"Kabul": "contested"},
    ),
    "not fully controlled": (
        "Zurmat is not fully Taliban-controlled; the road through it is open.",
        {"Zurmat": "contested"},
    ),
    "a district we do not know is part of its province": (
        "The insurgents captured the Zarghunkalay district of Paktia after heavy clashes.",
        {"Paktia": "contested"},
    ),
    "a facility of the city, by possessive or as a compound": (
        "Gunmen held the city's main hospital by nightfall. In Kunduz the city jail was "
        "stormed; fighters captured the city jail.",
        {"Kunduz": "contested"},
    ),
    "stations in a city": (
        "The militants seized the radio and television stations in Lashkar Gah overnight.",
        {"Lashkar Gah": "contested"},
    ),
    "a road that connects a city": (
        "The insurgents have taken control of the highway that connects Herat with its "
        "airport. Roads connecting Kabul are under Taliban control, officials said.",
        {"Herat": "contested", "Kabul": "contested"},
    ),
    "a road to a place is no part of it": (
        "Herat has a straight road to the rebel bastion of Kandahar, which fell on Friday.",
        {"Kandahar": "captured"},
    ),
    "defenders abandoned a district centre": (
        "Government troops abandoned the centre of Khanabad district before dawn, officials said.",
        {"Khanabad": "captured"},
    ),
    "defenders retreated from a town": (
        "Security forces retreated from Wardoj after hours of fighting, the district governor said.",
        {"Wardoj": "captured"},
    ),
    "where defenders were flown to is not what they left": (
        "All of the soldiers were evacuated by helicopter to the provincial capital, Maimana.",
        {"Maimana": "contested"},
    ),
    "insurgents who withdraw give the place back": (
        "The Taliban said they had withdrawn from the city of Kunduz on Tuesday.",
        {"Kunduz": "recaptured"},
    ),
    "displaced from districts due to conflict": (
        "Around 4,000 people were displaced from Qaramqol and Dawlatabad districts, Faryab, "
        "mostly to Maimana, due to conflict.",
        {"Qaramqol": "contested", "Dawlatabad": "contested", "Maimana": "mentioned"},
    ),
    "displaced from a place, no cause named": (
        "People were displaced from Qaramqol district last month.",
        {"Qaramqol": "mentioned"},
    ),
    "a caption: the group's flag flies in the city": (
        "A Taliban flag flies over a roundabout in the city of Ghazni (AP photo)",
        {"Ghazni": "captured"},
    ),
    "a caption: a fighter patrols the city": (
        "A Taliban fighter stands guard as he patrols in the city of Kunduz.",
        {"Kunduz": "captured"},
    ),
    "a patrol as a noun is no patrol of the place": (
        "Resistance fighters ambushed a Taliban vehicle patrol in Bazarak district on Friday.",
        {"Bazarak": "contested"},  # a fight between the armed sides, not a capture
    ),
    "a spokesman's name spelt another way still makes a claim": (
        "The insurgents have captured the city of Ghazni, spokesman Qari Yousaf Ahmadi said.",
        {"Ghazni": "claimed"},
    ),
    "deaths in a fight between the two armed sides": (
        "Taliban forces killed at least four members of the resistance front in Badakhshan "
        "province during a clearing operation, a local outlet reported.",
        {"Badakhshan": "contested"},
    ),
    "an ambush by one side on the other": (
        "Taliban fighters came under an NRF ambush in Pul-e-Hisar of Baghlan on Thursday night.",
        {"Pul-e-Hisar": "contested"},
    ),
    "a bombing beside the two sides stays violence": (
        "Two days after the suicide attack on Kabul airport, Afghan forces struck back at the "
        "Taliban.",
        {"Kabul airport": "violence"},
    ),
    "a district locates in a capital's name": (
        "On Saturday, Dasht-e Archi in Kunduz fell to the Taliban.",
        {"Dasht-e Archi": "captured", "Kunduz": "mentioned"},
    ),
    # purposes, hypotheticals, acknowledgement
    "fight to overrun": (
        "The group is pressing on with its fight to overrun Mazar-i-Sharif.",
        {"Mazar-i-Sharif": "contested"},
    ),
    "sent to capture": (
        "The movement sent hundreds of fighters to capture Panjshir.",
        {"Panjshir": "contested"},
    ),
    "brink of a fall": (
        "Farah city is on the brink of a fall, a council member warned.",
        {"Farah": "contested"},
    ),
    "not acknowledged is not denied": (
        "The government has not acknowledged the capture of Ghazni.",
        {"Ghazni": "claimed"},
    ),
    "claimed control": (
        "On Monday the movement claimed control over Herat.",
        {"Herat": "claimed"},
    ),
    # who acts
    "government forces capture back": (
        "Afghan forces after heavy fighting recaptured Kajaki on Tuesday.",
        {"Kajaki": "recaptured"},
    ),
    "resistance takes": (
        "Resistance fighters took Charikar from the Taliban overnight.",
        {"Charikar": "recaptured"},
    ),
    "Taliban regain is a capture": (
        "The Taliban regained control of Khanabad after two days.",
        {"Khanabad": "captured"},
    ),
    "Taliban clear a place": (
        'Taliban forces have "cleared Deh Salah from the enemy", a Taliban spokesman said.',
        {"Deh Salah": "claimed"},
    ),
    "briefly fell": (
        "Qala-e-Naw fell only briefly to the insurgents last month.",
        {"Qala-e-Naw": "recaptured"},
    ),
    "government still controls": (
        "Government forces now only control two major cities \u2014 Kabul and Jalalabad.",
        {"Kabul": "government", "Jalalabad": "government"},
    ),
    "repelled then described": (
        "Troops repelled an attack on Taloqan on Monday. The attack on Taloqan began at dawn.",
        {"Taloqan": "government"},
    ),
    # background and earlier states
    "event overrides background": (
        "Fighters launched new attacks on Kunduz since it was retaken by special forces.",
        {"Kunduz": "contested"},
    ),
    # fighting: where it is, and the nouns that name it
    "fighting in and around a place": (
        "Heavy clashes continue in and around Nahr-e Saraj district, forcing families out.",
        {"Nahr-e Saraj": "contested"},
    ),
    "fighting named by a noun of conflict": (
        "Kunduz and Baghlan provinces saw a sharp rise in conflict during the week.",
        {"Kunduz": "contested", "Baghlan": "contested"},
    ),
    "conflict as part of an adjective is no fighting": (
        "The surgical centre in Kandahar reported 30 deaths among conflict-linked admissions.",
        {"Kandahar": "violence"},
    ),
    "a violent act ends the reach of the capture before it": (
        "Insurgents took over a district centre after they assassinated its chief in Kandahar city.",
        {"Kandahar": "violence"},
    ),
    "fighting whose casualties come between it and the place": (
        "Renewed fighting caused civilian casualties in Nad Ali district this week.",
        {"Nad Ali": "contested"},
    ),
    "subject list between two dashes before its verb": (
        "Within a day, the two biggest cities of the south \u2014 Kandahar in the south and "
        "Lashkar Gah in Helmand \u2014 have fallen to the insurgents.",
        {"Kandahar": "captured", "Lashkar Gah": "captured"},
    ),
    "a relative clause between dashes is no subject": (
        "The police chief \u2014 who left Ghazni on Sunday \u2014 was captured near the border.",
        {"Ghazni": "mentioned"},
    ),
    "held by the government, with words before the noun": (
        "Mazar-i-Sharif is now the last big city of the north held by the elected government.",
        {"Mazar-i-Sharif": "government"},
    ),
    "not yet under threat": (
        "Though Kabul is not yet under direct threat, the insurgents were fighting troops "
        "in Wardak province.",
        {"Kabul": "government"},
    ),
    "not directly threatened": (
        "Herat itself has not been directly threatened so far, officials said.",
        {"Herat": "government"},
    ),
    "fighting in the place its preposition names, not the place before": (
        "Ever since the fighters reached Kabul, clashes in the Panjshir valley have grown.",
        {"Kabul": "mentioned", "Panjshir": "contested"},
    ),
    "fighting that goes on in a place named after its verb, not the place before": (
        "Once the movement had overrun Aybak, heavy clashes were still raging around "
        "Pul-e-Khumri and Kunduz.",
        {"Aybak": "captured", "Pul-e-Khumri": "contested", "Kunduz": "contested"},
    ),
    "fighting that erupted in a place after a fronted clause": (
        "When the insurgents took Farah, fighting broke out in Herat.",
        {"Farah": "captured", "Herat": "contested"},
    ),
    "offensives, plural, in places": (
        "Coverage has centred on the movement's offensives in Ghazni and Khost.",
        {"Ghazni": "contested", "Khost": "contested"},
    ),
    "a list whose first item has a distance aside naming another place": (
        "Logar, some 60 kilometres (37 miles) from Kabul, and nearby Wardak were overrun "
        "on Friday.",
        {"Logar": "captured", "Kabul": "mentioned", "Wardak": "captured"},
    ),
    "a list whose first item lies on a road to another place": (
        "The town of Gardez, located on the highway that links the east to Kabul, and the "
        "centre of Khost province were in the insurgents' hands by evening.",
        {"Gardez": "captured", "Kabul": "mentioned", "the centre of Khost": "captured"},
    ),
    "a distance with no aside is where the fighting is": (
        "Insurgents were fighting 11 kilometres from Kandahar city.",
        {"Kandahar": "contested"},
    ),
    "a list goes on past a name we do not know, in a province with a direction": (
        "The movement overran Shur Tapa in Balkh, Firoz Nakhchir in Samangan, and "
        "Zzyxqal in the eastern Paktia province.",
        {"Shur Tapa": "captured", "Firoz Nakhchir": "captured", "Paktia": "contested"},
    ),
    "forces in a place where they are fighting are not a seat of government": (
        "Kabul is not directly threatened, but insurgents were battling government forces "
        "in Logar province.",
        {"Kabul": "government", "Logar": "contested"},
    ),
    "incursions toward a province": (
        "Insurgents overran villages in the north and made incursions toward Badghis province.",
        {"Badghis": "contested"},
    ),
    "the noose tightened around a city": (
        "By Tuesday the insurgents had tightened the noose around Kunduz and Taloqan.",
        {"Kunduz": "contested", "Taloqan": "contested"},
    ),
    "government forces who were overrun lost the place": (
        "An insurgent keeps watch in the city of Farah on Wednesday, a day after army units "
        "were overrun.",
        {"Farah": "captured"},
    ),
    "the first city seized by the movement": (
        "Aug. 7: Sheberghan, a northern provincial capital, was the second city seized by "
        "Taliban fighters that week.",
        {"Sheberghan": "captured"},
    ),
    "a sentence that only lists the places the one before spoke of": (
        "Just two big cities remain in government hands. Herat and Mazar-i-Sharif.",
        {"Herat": "government", "Mazar-i-Sharif": "government"},
    ),
    "a lone place after a headline is not its list": (
        "Insurgents seize three more provincial capitals\nKUNDUZ\nResidents said the "
        "markets were shut.",
        {"KUNDUZ": "mentioned"},
    ),
    "a parenthesis speaks of the place it follows, not the next one": (
        "The picture is grim in Ghor (insurgents hold 5 of 10 districts), and in Zabul "
        "(militants hold 8 of 11 districts).",
        {"Ghor": "contested", "Zabul": "contested"},
    ),
    "a parenthesis whose verb has an object of its own": (
        "Kandahar (where insurgents overran the prison) was quiet on Monday.",
        {"Kandahar": "mentioned"},
    ),
    "some of the districts named for a province": (
        "Insurgents now hold five of the Faryab' fourteen districts after Qaisar fell.",
        {"Faryab": "contested", "Qaisar": "captured"},
    ),
    "the army reclaims districts": (
        "Soldiers managed to reclaim the Khanabad district in Kunduz province and the "
        "Doshi district in Baghlan province from the insurgents.",
        {"Khanabad": "recaptured", "Doshi": "recaptured", "Kunduz": "mentioned"},
    ),
    "efforts under way to clear a district": (
        "Several hundred soldiers have begun efforts to clear Nahrin district.",
        {"Nahrin": "contested"},
    ),
    "insurgents who pose a threat to a province": (
        "The fighters now pose a serious threat to neighbouring Kapisa province.",
        {"Kapisa": "contested"},
    ),
    "areas reclaimed by others, then a place they lie in": (
        "Two villages reportedly reclaimed by resistance fighters are in the Andarab valley "
        "of Baghlan.",
        {"Baghlan": "mentioned"},
    ),
    "an act its year places in an earlier war": (
        "The assault recalls a 2016 attack on Lashkar Gah and the 1998 fall of Mazar-i-Sharif.",
        {"Lashkar Gah": "mentioned", "Mazar-i-Sharif": "mentioned"},
    ),
    "insurgents patrol a city (a photo caption)": (
        "Taliban fighters patrol in Herat, western Afghanistan, on Aug. 14, 2021.",
        {"Herat": "captured"},
    ),
    "a capital cut off and isolated": (
        "Insurgents seized Gardez on Sunday, cutting off the increasingly isolated capital "
        "of Kabul.",
        {"Gardez": "captured", "Kabul": "contested"},
    ),
    "a forecast that insurgents could isolate the capital": (
        "Analysts said the insurgents could isolate Kabul within a month.",
        {"Kabul": "contested"},
    ),
    "taking command of the government in a city takes the city": (
        "On Aug. 15 the movement took control of the government in Kabul.",
        {"Kabul": "captured"},
    ),
    "the resistance gives ground in a province": (
        "The resistance has given ground in Parwan to save its strength.",
        {"Parwan": "contested"},
    ),
    "a capture leaving a city as the last one the government holds": (
        "Insurgents overran Mazar-i-Sharif, leaving just the capital Kabul as the last big "
        "city under government control.",
        {"Mazar-i-Sharif": "captured", "Kabul": "government"},
    ),
    "the centres of two provinces seized": (
        "The centres of Logar and the eastern provinces of Paktia were also among the areas "
        "seized by the insurgents this week.",
        {"Logar": "captured", "Paktia": "captured"},
    ),
    "a highway to the capital cut off, not the capital": (
        "The fall of Gardez cuts off a vital road linking the Afghan capital with the east.",
        {"Gardez": "captured", "the Afghan capital": "mentioned"},
    ),
    "the capital's claim speaks from the capital": (
        "Heavy clashes raged on Sunday, despite Kabul's claim that the militants had "
        "been pushed back.",
        {"Kabul": "mentioned"},
    ),
    "a dateline with the country in brackets": (
        "Kabul [Afghanistan] July 9 (ANI): Amid an increase in offensives by the insurgents, "
        "clashes went on in Qala-i-Naw for a third day.",
        {"Kabul": "mentioned", "Qala-i-Naw": "contested"},
    ),
    "where the incident took place": (
        "Two men died when a roadside bomb hit their car. The incident took place in "
        "Injil district.",
        {"Injil": "violence"},
    ),
    "districts out of the government's control": (
        "Council members said Burka and Khost wa Firing districts are now out of the "
        "government's control.",
        {"Burka": "captured"},
    ),
    "insurgents moving in on a city": (
        "Officials said on Monday that fighters were moving in on Sheberghan.",
        {"Sheberghan": "contested"},
    ),
    "a fronted city scene with an aside, then the battle": (
        "In the northern city of Kunduz, overrun by insurgents last week before a "
        "counterattack by commandos, the battle has gone on for days.",
        {"Kunduz": "contested"},
    ),
    "capitals fallen after those of named provinces": (
        "Three more capitals fell on Friday, after those of the provinces of Ghor and Zabul.",
        {"Ghor": "captured", "Zabul": "captured"},
    ),
    "another district in the next province": (
        "After days of fighting, insurgents overran another Faryab district and another in "
        "western Ghor province.",
        {"Ghor": "contested"},
    ),
    "hard-wrapped wire copy reads as running text": (
        "Army and police units took back\nGhorak district in the early hours of Sunday,\n"
        "officials said, after the insurgents had overrun large parts of the\n"
        "western province of Farah over the summer.\n\nA headline without a stop\nKabul",
        {"Ghorak": "recaptured", "Farah": "contested", "Kabul": "mentioned"},
    ),
    "entered, then pushed back, is a hold": (
        "Over the weekend the insurgents stormed and entered two provincial centres, "
        "Maimana and Farah city, before being pushed back.",
        {"Maimana": "government", "Farah": "government"},
    ),
    "taken, then driven out, is a recapture": (
        "On Tuesday militants briefly took over Ghazni before they were driven out of the "
        "city by commandos.",
        {"Ghazni": "recaptured"},
    ),
    "taken and driven out years ago is history": (
        "Insurgents previously seized Kunduz, a trading hub near the border, for short "
        "spells in 2015 and 2016 before being pushed back.",
        {"Kunduz": "mentioned"},
    ),
    "a list of cities each with 'the capital of' its province, then the verb": (
        "Late on Friday, Kunduz city, the capital of Kunduz in the north, and Herat city, "
        "the capital of Herat in the far west was taken by the group.",
        {"Kunduz": "captured", "Herat": "captured"},
    ),
    "military operations against a group in a district": (
        "Security operations against insurgent cells in Zabul's Shinkay district have "
        "displaced 300 families, the report said.",
        {"Shinkay": "contested"},
    ),
    "a fronted 'days after taking X' is fact, out of the claim's reach": (
        "Two days after capturing Herat, the insurgents claimed to have seized Qala-i-Naw.",
        {"Herat": "captured", "Qala-i-Naw": "claimed"},
    ),
    "a town the copy calls a district, in its province's capital name": (
        "Fighting went on after Khanabad district in Kunduz was overrun on Monday.",
        {"Khanabad": "captured", "Kunduz": "mentioned"},
    ),
    "briefly inside a passive verb": (
        "Imam Sahib was briefly seized by the insurgents overnight.",
        {"Imam Sahib": "recaptured"},
    ),
    "troops sent to prevent a fall": (
        "Kabul rushed reinforcements north on Tuesday to avert the fall of Maimana.",
        {"Maimana": "contested"},
    ),
    "fled from places because of the fighting there": (
        "Some 400 families who fled from Faryab and Jowzjan provinces because of the "
        "clashes have reached Mazar-i-Sharif.",
        {"Faryab": "contested", "Jowzjan": "contested"},
    ),
    "fled to a place, no cause": (
        "Several district officials fled to Maimana overnight.",
        {"Maimana": "mentioned"},
    ),
    "a list item after an aside, with 'the' and an adjective": (
        "Insurgents seized more ground, including the old army base at Chaghcharan and the "
        "northern Samangan province.",
        {"Samangan": "captured"},
    ),
    "a timeline bullet: the place, then 'the northern city'": (
        "Aug. 7 - Sheberghan: insurgents overrun the northern city after days of fighting.",
        {"Sheberghan": "captured"},
    ),
    "a headline's present tense: the insurgents take a town": (
        "Insurgents take Farah as government troops retreat to the airport",
        {"Farah": "captured"},
    ),
    "all taken except one place": (
        "By Friday the insurgents had seized every northern capital except Maimana.",
        {"Maimana": "government"},
    ),
    "a group has taken the responsibility for an attack": (
        "A militant group has taken the responsibility for the blast at a mosque in Kunduz.",
        {"Kunduz": "violence"},
    ),
    "a district retaken in a province is a recapture there": (
        "Army units backed by drones retook a district centre in eastern Nangarhar province "
        "on Friday.",
        {"Nangarhar": "recaptured"},
    ),
    "the Taliban regain, with an aside after the actor": (
        "The Taliban (a movement under UN sanctions) have regained control of the Tala wa "
        "Barfak district, local sources said.",
        {"Tala wa Barfak": "captured"},
    ),
    "a Taliban spokesman cited at the end of the sentence": (
        "The movement seized Sharana on Monday, scattering its defenders "
        "after a night of fighting, a Taliban spokesman said.",
        {"Sharana": "claimed"},
    ),
    "a government spokesman cited at the end confirms": (
        "The movement seized Sharana on Monday, scattering its defenders "
        "after a night of fighting, a police spokesman said.",
        {"Sharana": "captured"},
    ),
    "a dateline in capitals with a colon": (
        "HERAT: Heavy clashes have forced thousands of families out of Badghis this week.",
        {"HERAT": "mentioned", "Badghis": "contested"},
    ),
    "a name and a colon heading a live blog's item is no dateline": (
        "Taloqan: insurgents captured the city after a week of fighting.",
        {"Taloqan": "captured"},
    ),
    "a matter of days before a capture": (
        "Diplomats think it is only a matter of weeks before the insurgents seize Mazar-i-Sharif.",
        {"Mazar-i-Sharif": "contested"},
    ),
    "out of the Taliban's grip": (
        "Bamyan is the last province that has stayed out of the Taliban's control.",
        {"Bamyan": "government"},
    ),
    "a chronology's line of an earlier war": (
        "Key dates:\n1996 \u2014 The movement takes Jalalabad and then enters the capital.\n"
        "2021 \u2014 Insurgents overrun Kunduz.",
        {"Jalalabad": "mentioned", "Kunduz": "captured"},
    ),
    # a scene set at the head of the sentence for an event that names no place
    "fronted scene of several provinces": (
        "In the western provinces of Herat, Badghis and Farah, the insurgents overran several "
        "districts last month.",
        {"Herat": "contested", "Badghis": "contested", "Farah": "contested"},
    ),
    "fronted scene while another place takes the next verb": (
        "In eastern Paktia province, heavy clashes erupted overnight, and the fighters seized "
        "Dand Patan in Paktia as well.",
        {"Paktia": "contested", "Dand Patan": "captured"},
    ),
    "fronted scene of the national capital stays a mention": (
        "In Kabul, the Taliban seized several district centres across the country.",
        {"Kabul": "mentioned"},
    ),
    # threats and who a place locates
    "under threat": (
        "Two more provincial capitals, Aybak and Maimana, are under direct Taliban threat.",
        {"Aybak": "contested", "Maimana": "contested"},
    ),
    "threat of falling": (
        "Farah city is now under threat of falling under insurgent control.",
        {"Farah": "contested"},
    ),
    "a province named again after a clause is what the verb speaks of": (
        "Badghis police chief Ahmad Khan told reporters that all districts in Badghis have "
        "fallen to the Taliban.",
        {"Badghis": "contested"},
    ),
    # the subject named after the verb, or in the next sentence
    "subject after a copula": (
        "The district centres that fell to the insurgents on Sunday were Jalrez in Wardak and "
        "Burka in Baghlan.",
        {"Jalrez": "captured", "Burka": "captured", "Baghlan": "mentioned"},
    ),
    "subject listed in the next sentence, the first naming another place": (
        "Besides the clashes near Maimana, eight districts have fallen to the Taliban since "
        "Friday. The districts include Chal and Namak Ab in Takhar.",
        {"Chal": "captured", "Namak Ab": "captured", "Maimana": "contested"},
    ),
    # words before a list speak of each of its places
    "districts in a list of provinces": (
        "Insurgents have overrun four districts in Badghis, a province in the west; Faryab, a "
        "contested northern province; and Sar-e Pul.",
        {"Badghis": "contested", "Faryab": "contested", "Sar-e Pul": "contested"},
    ),
    "a part before one item only": (
        "The Taliban captured Kunduz and parts of Taloqan.",
        {"Kunduz": "captured", "Taloqan": "contested"},
    ),
    "provinces of X and Y under control": (
        "The provinces of Logar and Kunar are now also under insurgent control.",
        {"Logar": "captured", "Kunar": "captured"},
    ),
    "by taking": (
        "They followed the fall of Zaranj a day later by taking Aybak.",
        {"Aybak": "captured"},
    ),
    # cues inside the trigger's own words
    "negation inside a passive": (
        "The army chief said Kandahar was not under threat and troops held the airport.",
        {"Kandahar": "mentioned"},
    ),
    "hearsay inside a passive": (
        "Banu district, which was reportedly retaken by local militias on Friday, lies north "
        "of the capital.",
        {"Banu": "claimed"},
    ),
    "collapsed to the insurgents": (
        "Local sources say Kalafgan district of Takhar also collapsed to the Taliban.",
        {"Kalafgan": "captured"},
    ),
    "spokesman named by surname after a quote": (
        '"Our fighters took the Khwahan district centre of Badakhshan [province], the Qadis '
        'district centre of Badghis, and the centre of Kohistan," Mujahid said.',
        {"Khwahan": "claimed", "Qadis": "claimed"},
    ),
    "a place named as a reference point": (
        "Resistance fighters clashed with the Taliban in the Andarab valley north of Kabul.",
        {"Kabul": "mentioned", "Andarab": "contested"},
    ),
    "a state told in passing, then the event": (
        "By noon Mehtarlam, the only town in the east still under government control, fell "
        "after its garrison surrendered.",
        {"Mehtarlam": "captured"},
    ),
    "no reports of fighting": (
        "There were no reports of fighting in Bamyan, where the governor stayed.",
        {"Bamyan": "mentioned"},
    ),
    "the province, named by a common noun": (
        "The governor of Faryab spoke to reporters on Sunday. Clashes went on across the "
        "province on Monday.",
        {"Faryab": "contested"},
    ),
    "the valley": (
        "The resistance is based in Panjshir. Heavy fighting raged in the valley overnight.",
        {"Panjshir": "contested"},
    ),
    "the governor of X surrendered": (
        "Officials said the governor of Gardez had surrendered to avoid bloodshed.",
        {"Gardez": "captured"},
    ),
    "still free from the insurgents": (
        "Bamyan province remains free from the Taliban, residents say.",
        {"Bamyan": "government"},
    ),
    "a later subject of its own": (
        "Kunduz's loss may push donors to leave before more districts fall.",
        {"Kunduz": "mentioned"},
    ),
    "the place's own head noun before the verb": (
        "Officials said Ghor and Badghis provinces had surrendered.",
        {"Ghor": "captured", "Badghis": "captured"},
    ),
    "fallen in part": (
        "Four more cities, in part or in whole, have fallen since Monday. They are the "
        "centres of Farah, Ghazni and Logar provinces.",
        {"Farah": "contested", "Ghazni": "contested"},
    ),
    "a part of the country, then the place": (
        "In the south-western part of the country, insurgents captured Zaranj on Friday.",
        {"Zaranj": "captured"},
    ),
    # more of the vocabulary of control
    "flag raised over a place": (
        "Fighters raised their white flag over the main square of Maimana on Saturday.",
        {"Maimana": "captured"},
    ),
    "government forces driven out": (
        "The insurgents drove government troops out of Qaisar after a two-day battle.",
        {"Qaisar": "captured"},
    ),
    "insurgents driven out": (
        "Commandos pushed the Taliban out of Khanabad on Tuesday.",
        {"Khanabad": "recaptured"},
    ),
    "changed hands": (
        "Khanabad has changed hands three times since June.",
        {"Khanabad": "contested"},
    ),
    # long lists of districts with their provinces and directions
    "list items located with a direction": (
        "Insurgents have taken Nahrin in Baghlan in the north, Shah Joy in Zabul in the south, "
        "and Chahar Dara in Kunduz province also in the north.",
        {"Nahrin": "captured", "Shah Joy": "captured", "Chahar Dara": "captured"},
    ),
    "head noun of the first items": (
        "The Taliban regained control over Parwan's Sorkh Parsa and Shinwari districts, "
        "Arghandab district in Kandahar and Alishing district in Laghman.",
        {"Arghandab": "captured", "Alishing": "captured"},
    ),
    "forces have left districts": (
        "Sources said security forces have left several districts including Alasai district in "
        "Kapisa and Kaldar district in Balkh.",
        {"Alasai": "captured", "Kaldar": "captured"},
    ),
    "fleeing fighting in named provinces": (
        "Some 900 displaced people reached Zaranj, fleeing fighting in Farah and Ghor provinces.",
        {"Farah": "contested", "Ghor": "contested", "Zaranj": "mentioned"},
    ),
    # attacks that failed, sieges broken, reports rejected
    "an attack on a place was pushed back": (
        "An insurgent attack on Shindand district was pushed back by commandos overnight.",
        {"Shindand": "government"},
    ),
    "attackers forced to retreat later in the sentence": (
        "Police said the militants stormed Maimana from three sides but were forced by "
        "commandos to retreat.",
        {"Maimana": "government"},
    ),
    "entered, then repelled before taking the compound": (
        "On Friday insurgents entered Qalat and tried to seize the governor's compound "
        "before special forces repelled them.",
        {"Qalat": "government"},
    ),
    "defenders forced to retreat is no turned-back attack": (
        "Soldiers were forced to retreat after the insurgents attacked Maimana.",
        {"Maimana": "contested"},
    ),
    "a foiled bid to attack": (
        "The army says it foiled an insurgent plan to launch attacks on checkpoints in "
        "Surobi district.",
        {"Surobi": "government"},
    ),
    "the next sentence says the attack was defeated": (
        "Officials say insurgents attacked the Hairatan port at dawn. The assault was "
        "repulsed by border police.",
        {"Hairatan": "government"},
    ),
    "map labels under their legend": (
        "The offensive has left the government holding little of the north.\n"
        "Provincial capitals captured since July 30\nTURKMENISTAN\nMaimana\nSheberghan\n"
        "Sar-e-\nPul\nKabul\nIRAN\nZaranj\nThe embassy began to send staff home on Friday.",
        {"Maimana": "captured", "Sheberghan": "captured", "Zaranj": "captured"},
    ),
    "a legend of capitals does not speak of a district": (
        "Provincial capitals captured since July 30\nMaimana\nShindand\nZaranj\nIRAN\n"
        "Talks went on in Doha.",
        {"Maimana": "captured", "Shindand": "mentioned", "Zaranj": "captured"},
    ),
    "short lines under a line with no trigger are no map": (
        "Key cities to watch\nMaimana\nSheberghan\nZaranj\nThe embassy began to send staff home.",
        {"Maimana": "mentioned", "Sheberghan": "mentioned", "Zaranj": "mentioned"},
    ),
    "a sentence over two short lines is no legend": (
        "The insurgents have taken many towns this summer.\nMaimana\nZaranj\n"
        "Talks went on in Doha.",
        {"Maimana": "mentioned", "Zaranj": "mentioned"},
    ),
    "a withdrawal that lets the insurgents in": (
        "Army units withdrew from Maimana without warning, allowing the insurgents to break "
        "through its defences.",
        {"Maimana": "captured"},
    ),
    "troops left a city to retreat elsewhere": (
        "A council member said troops left Taloqan to retreat to the nearby district of Farkhar.",
        {"Taloqan": "captured", "Farkhar": "mentioned"},
    ),
    "a plain withdrawal stays a loss in progress": (
        "Troops withdrew from Maimana, where fighting went on.",
        {"Maimana": "contested"},
    ),
    "no comment from one side, then a retaking in the next clause": (
        "The insurgents have not commented on the raid, Afghan forces retook the control of "
        "Shinwari district.",
        {"Shinwari": "recaptured"},
    ),
    "a fall not confirmed stays one-sided": (
        "Officials did not confirm the fall of Ghazni.",
        {"Ghazni": "claimed"},
    ),
    "a hedge lifted by an official source": (
        "Troops have reportedly retaken two districts overnight, as informed by the "
        "Interior Ministry. The two districts are Saighan and Kahmard.",
        {"Saighan": "recaptured", "Kahmard": "recaptured"},
    ),
    "a hedge with an official who cannot confirm stays": (
        "The insurgents have reportedly captured Saighan, but officials said they could not "
        "confirm it.",
        {"Saighan": "claimed"},
    ),
    "a hedge alone stays": (
        "The insurgents reportedly captured Saighan district on Monday.",
        {"Saighan": "claimed"},
    ),
    "a fall with its places after 'including the cities of'": (
        "Two more capitals fell to the insurgents overnight, including the key cities of "
        "Gardez and Sharana.",
        {"Gardez": "captured", "Sharana": "captured"},
    ),
    "an item after two asides and 'as well as'": (
        "The group had taken Kunduz in the northern plains, the largest city of the region, "
        "as well as Taloqan, a trading town.",
        {"Kunduz": "captured", "Taloqan": "captured"},
    ),
    "entirely in government hands, a colon list": (
        "Only three provinces are still entirely in government hands: Bamyan, Kunar and Daikundi.",
        {"Bamyan": "government", "Kunar": "government", "Daikundi": "government"},
    ),
    "the only city under government control": (
        "Mazar-i-Sharif is now the only major city under Afghan government control.",
        {"Mazar-i-Sharif": "government"},
    ),
    "the only city not under government control is no hold": (
        "Herat is now the only major city not under government control.",
        {"Herat": "mentioned"},
    ),
    "among the latest to be captured": (
        "The third largest city, Herat, among the latest to be captured.",
        {"Herat": "captured"},
    ),
    "the last yet to be captured is no fall": (
        "Kabul, the last major city yet to be captured, braced for an assault.",
        {"Kabul": "mentioned"},
    ),
    "offensives to control a capital": (
        "Fighters launched offensives to control the provincial capitals of Farah and Ghor.",
        {"Farah": "contested", "Ghor": "contested"},
    ),
    "controlling crowds is no control of a place": (
        "Police struggled to control the crowds in Herat.",
        {"Herat": "mentioned"},
    ),
    "a list whose items are named by their centres": (
        "Insurgents attacked the city of Farah near the Iranian border, the centres of Zabul "
        "and Uruzgan provinces in the south of the country, and Takhar in the north-east.",
        {"Farah": "contested", "Zabul": "contested", "Uruzgan": "contested", "Takhar": "contested"},
    ),
    "a retaking one side claims": (
        "The enemy has repeatedly claimed that it has recaptured Nahrin and Burka.",
        {"Nahrin": "claimed", "Burka": "claimed"},
    ),
    "a pass on the border of two provinces": (
        "The Salang Pass, on the border of Parwan and Baghlan provinces, was closed by snow.",
        {"Salang Pass": "mentioned", "Parwan": "mentioned", "Baghlan": "mentioned"},
    ),
    "a passive fall whose agent is the other side": (
        "Charikar was seized by resistance forces on Monday.",
        {"Charikar": "recaptured"},
    ),
    "the other side named later in the phrase is no agent": (
        "Charikar was seized by the insurgents from government forces.",
        {"Charikar": "captured"},
    ),
    "pressuring a city": (
        "The militants are simultaneously pressuring Kunduz City in the north.",
        {"Kunduz": "contested"},
    ),
    "the city's entrance is a part of it": (
        "Fighters reached Taloqan. They seized the city's entrance on Sunday.",
        {"Taloqan": "contested"},
    ),
    "an aim told with an aside": (
        "Their aim, a commander said, was to capture Farah during the night.",
        {"Farah": "contested"},
    ),
    "edging closer": (
        "The militants edge closer to Kabul.",
        {"Kabul": "contested"},
    ),
    "forces approach a city's outskirts": (
        "As insurgent forces approach Mazar-i-Sharif's outskirts, shops have closed.",
        {"Mazar-i-Sharif": "contested"},
    ),
    "an approach that is no advance": (
        "Officials take a cautious approach to security in Mazar-i-Sharif.",
        {"Mazar-i-Sharif": "mentioned"},
    ),
    "the insurgents withdraw from a city": (
        "The insurgents announced that they had withdrawn completely from the city of "
        "Kunduz on Tuesday.",
        {"Kunduz": "recaptured"},
    ),
    "a fall to the insurgents after the defenders withdrew": (
        "Fayzabad fell to the insurgents on Wednesday after government forces withdrew "
        "from the city overnight.",
        {"Fayzabad": "captured"},
    ),
    "a named resident speaks, the place is no subject": (
        "Ghazni resident Abdul Wali said his shop had been taken over by the insurgents.",
        {"Ghazni": "mentioned"},
    ),
    "a bracketed possessive part": (
        "The insurgents \u201cseized the [Taloqan City\u2019s] entrance before spreading through "
        "its streets,\u201d the paper reported.",
        {"Taloqan": "contested"},
    ),
    "an aside with a possessive between two items": (
        "Fighting is going on in several capitals, including Herat, the west's largest city, "
        "Farah, western Afghanistan\u2019s main border town, and Zaranj, the capital of Nimroz.",
        {"Herat": "contested", "Farah": "contested", "Zaranj": "contested"},
    ),
    "a fall listed after a dash": (
        "Now, three fell on Sunday alone \u2014 Maimana, Aybak and Taloqan, all in the north "
        "\u2014 and more cities are under siege.",
        {"Maimana": "captured", "Aybak": "captured", "Taloqan": "captured"},
    ),
    "a fall the copy says may have happened": (
        "Ghazni, a key city on the highway, may have been captured.",
        {"Ghazni": "claimed"},
    ),
    "a fall that may come is a threat": (
        "Ghazni may fall within weeks.",
        {"Ghazni": "contested"},
    ),
    "attackers defeated later in the sentence": (
        "The insurgents attacked seven parts of Herat city but were defeated, a spokesman said.",
        {"Herat": "government"},
    ),
    "a relative clause with 'it' as the insurgents": (
        "The militia consolidated its hold on Herat, which it seized last Friday.",
        {"Herat": "captured"},
    ),
    "forces that ceded control lost the place": (
        "Security forces ceded control of the district of Ghormach after a long siege.",
        {"Ghormach": "captured"},
    ),
    "forces that lost control lost the place": (
        "Security forces lost control of Ghormach district.",
        {"Ghormach": "captured"},
    ),
    "a border with a province is a part of it": (
        "The insurgents also took control of the Iranian border with Farah.",
        {"Farah": "contested"},
    ),
    "at the mouth of a valley only locates": (
        "They had also seized Gulbahar, at the mouth of the Panjshir Valley.",
        {"Gulbahar": "captured", "Panjshir": "mentioned"},
    ),
    "a dateline with a double hyphen": (
        "HERAT, Afghanistan -- The air force carried out more airstrikes on Thursday.",
        {"HERAT": "mentioned"},
    ),
    "a dateline in capitals with a dash": (
        "HERAT - The air force carried out more airstrikes on Thursday.",
        {"HERAT": "mentioned"},
    ),
    "where a speaker called from": (
        "He said by telephone from the militia base at Kandahar that another group had "
        "mounted an attack from the east.",
        {"Kandahar": "mentioned"},
    ),
    "attacks over the years are history": (
        "The provincial capital, Farah, had faced repeated attacks from insurgents over the years.",
        {"Farah": "mentioned"},
    ),
    "defenders concentrated on key cities": (
        "Overwhelmed, government forces have concentrated on defending key cities like "
        "Lashkar Gah and Kandahar.",
        {"Lashkar Gah": "government", "Kandahar": "government"},
    ),
    "one of the cities under sustained assault": (
        "Lashkar Gah is one of three cities under sustained assault by insurgents.",
        {"Lashkar Gah": "contested"},
    ),
    "the insurgents kept control": (
        "The insurgents also still have maintained control of Shir Khan Bandar, after "
        "seizing it last week.",
        {"Shir Khan Bandar": "captured"},
    ),
    "provinces where the government holds only the capitals": (
        "There are other provinces like Logar and Wardak where government forces only control "
        "the provincial capitals while the insurgents control the rest.",
        {"Logar": "contested", "Wardak": "contested"},
    ),
    "cornered in a valley": (
        "Forces loyal to the commander have been cornered in their Panjshir Valley stronghold.",
        {"Panjshir": "contested"},
    ),
    "violence that has left families homeless is no withdrawal": (
        "Violence between insurgents and government forces has left more than five thousand "
        "families homeless in Zabul province.",
        {"Zabul": "violence"},
    ),
    "waging war in a province": (
        "The fighters have been waging war in the seventh district of Kandahar province.",
        {"Kandahar": "contested"},
    ),
    "a siege broken": (
        "Troops managed to break the siege of Khanabad district on Sunday.",
        {"Khanabad": "government"},
    ),
    "reports rejected": (
        "A ministry spokesman rejected reports that fighters had seized Spin Boldak.",
        {"Spin Boldak": "claimed"},
    ),
    "a participle clause after the object": (
        "The Taliban moved closer to victory after capturing more cities, leaving only "
        "Jalalabad for them to take in the east.",
        {"Jalalabad": "mentioned"},
    ),
    "districts of a district names it; districts of a province are parts": (
        "The insurgents captured the districts of Nahrin and Almar. They also seized several "
        "districts of Kunduz.",
        {"Nahrin": "captured", "Almar": "captured", "Kunduz": "contested"},
    ),
    "both towns, after a clause break": (
        "Officials met elders in Kohistan and Taiwara on Monday, but the two districts have "
        "since fallen.",
        {"Kohistan": "captured", "Taiwara": "captured"},
    ),
    "offices still held are a part": (
        "The army chief said all government offices in Ghazni are still under government control.",
        {"Ghazni": "contested"},
    ),
    "pushed back from a place": (
        "Militias pushed the Taliban back from Injil district on Monday.",
        {"Injil": "government"},
    ),
    "nearly captured": (
        "In April the insurgents nearly captured Taloqan before troops pushed them out.",
        {"Taloqan": "contested"},
    ),
    "previously captured": (
        "The group previously captured Kunduz for a few days before losing it again.",
        {"Kunduz": "mentioned"},
    ),
    "attacks launched to seize": (
        "Fighters have launched heavy attacks since Monday to seize Tarinkot.",
        {"Tarinkot": "contested"},
    ),
    "re-occupied": (
        "Security forces re-occupied Kahmard district on Friday, officials said.",
        {"Kahmard": "recaptured"},
    ),
    "a where-clause about the place": (
        "Ghor borders Herat province, where the insurgents control several districts.",
        {"Herat": "contested", "Ghor": "mentioned"},
    ),
    "a dateline on a line of its own is no heading": (
        "KABUL:\nTaliban fighters captured the Wesh border crossing on Wednesday.",
        {"KABUL": "mentioned"},
    ),
    "a clause opened by 'as'": (
        "The insurgents seized nine capitals in two days, as foreign troops arrived in Kabul.",
        {"Kabul": "mentioned"},
    ),
    "the insurgents have full control over": (
        "The Taliban now have full control over the province of Logar, south of the capital.",
        {"Logar": "captured"},
    ),
    "the scene of a sentence with no other place": (
        "In Farah province, the governor and the police chief surrendered.",
        {"Farah": "captured"},
    ),
    "cleared the fighters from a place": (
        "Commandos cleared insurgent fighters from the Kajaki district centre on Sunday.",
        {"Kajaki": "recaptured"},
    ),
    # a town the copy puts in another province
    "town put in the wrong province": (
        "The insurgents overran Spin Boldak in Helmand on Wednesday.",
        {"Helmand": "contested"},
    ),
    "unknown town in a province, after a province of a list": (
        "Fighters seized Bala Buluk in Farah, Khakrez in Kandahar and Qalacha in Uruzgan.",
        {"Uruzgan": "contested", "Farah": "mentioned"},
    ),
    # timelines and headings: the sentence after a heading tells what happened there
    "timeline heading, event in the next sentence": (
        "- Aug. 12 - GHAZNI. Insurgents overrun the city two hours south of the capital.\n"
        "- Aug. 13 - HERAT. Government troops push back an assault on the western city.",
        {"GHAZNI": "captured", "HERAT": "government"},
    ),
    "heading whose next sentence is elsewhere": (
        "HERAT. Fighters seized the police headquarters in Kandahar.",
        {"HERAT": "mentioned"},
    ),
    # datelines and bombings
    "dateline after a date": (
        "10 Jun 2016 - KABUL - The mission condemned the attack that killed five people.",
        {"KABUL": "mentioned"},
    ),
    "dateline with two places and an agency": (
        "Kabul/Mumbai (Reuters)-With air strikes, troops repelled an assault on a northern town.",
        {"Kabul": "mentioned"},
    ),
    # fighting told by what a place has seen, a list of those under pressure, operations
    "places that have seen fighting": (
        "Kunduz, Taloqan and Pul-e-Khumri have seen continued clashes with Aybak in "
        "Samangan province under heavy assault too.",
        {"Kunduz": "contested", "Taloqan": "contested", "Pul-e-Khumri": "contested"},
    ),
    "capitals under pressure include": (
        "Other cities under heavy pressure include Farah in the west and Tarinkot in the south.",
        {"Farah": "contested", "Tarinkot": "contested"},
    ),
    "military operations in a district": (
        "Military operations in Nawa have forced hundreds of families from their homes.",
        {"Nawa": "contested"},
    ),
    "the town of X is the town itself": (
        "On Sunday the town of Qalat in Zabul fell to the insurgents without a fight.",
        {"Qalat": "captured"},
    ),
    # lists that share a locator, a colon, asides, a head noun; a scene's own subject
    "districts in two provinces: both are parts": (
        "Officials said the insurgents had seized at least three more districts — in "
        "Ghor and Farah provinces — since the start of the month.",
        {"Ghor": "contested", "Farah": "contested"},
    ),
    "districts fell in the scene": (
        "In Faryab, a dozen districts fell to the militants within a week.",
        {"Faryab": "contested"},
    ),
    "the governor surrendered in the scene": (
        "In Ghor province, the governor surrendered to the militants on Friday.",
        {"Ghor": "captured"},
    ),
    "list after a colon names the subject": (
        "Three more fell in the north overnight: Aybak in the Samangan region and "
        "Sheberghan in the Jowzjan region.",
        {"Aybak": "captured", "Sheberghan": "captured", "Samangan": "mentioned"},
    ),
    "semicolon list ends with and": (
        "The movement took three more cities: Zaranj, in the far south-west; Taloqan, "
        "Takhar's capital; and Aybak.",
        {"Zaranj": "captured", "Taloqan": "captured", "Aybak": "captured"},
    ),
    "head noun then a direction before the next item": (
        "The loss of the capitals of Kunduz and Takhar provinces to the north and Ghor "
        "province to the west shook the government.",
        {"Kunduz": "captured", "Takhar": "captured", "Ghor": "captured"},
    ),
    "currently in control of": (
        "The movement is currently in control of most capitals, including the biggest city "
        "in the west, Herat, and the fourth, Mazar-i-Sharif.",
        {"Herat": "captured", "Mazar-i-Sharif": "captured"},
    ),
    # foreign troops leaving; a road to a place is not the place
    "foreign troops abandon a base": (
        "Last week, American troops quietly abandoned Bagram, the base that had been the "
        "hub of the war.",
        {"Bagram": "mentioned"},
    ),
    "allied forces withdrew while the group captured a district": (
        "The group overran Arghandab only days after the US-led forces withdrew from Bagram.",
        {"Arghandab": "captured", "Bagram": "mentioned"},
    ),
    "government troops abandon a city": (
        "Government troops abandoned Lashkar Gah after the last foreign forces left.",
        {"Lashkar Gah": "captured"},
    ),
    "highway linking the national capital": (
        "The militants want to take control of the highway linking the national capital "
        "Kabul to the south.",
        {"Kabul": "mentioned"},
    ),
    "many areas in the next city": (
        "Central parts of the city of Aybak and many areas in Taloqan have fallen to the "
        "militants.",
        {"Aybak": "contested", "Taloqan": "contested"},
    ),
    "list goes on after a relative clause aside": (
        "Clashes went on near the centres of Faryab and Takhar provinces, which lie in the "
        "north, and in Ghor in the centre.",
        {"Faryab": "contested", "Takhar": "contested", "Ghor": "contested"},
    ),
    "government in control of only": (
        "The loss of Herat leaves the government in control of only Kabul and a handful of "
        "other cities.",
        {"Herat": "captured", "Kabul": "government"},
    ),
    "the district centre refers back to the district": (
        "The insurgents said they had taken Imam Sahib district, which officials denied. "
        "Officials did admit the district centre had been under siege for weeks.",
        {"Imam Sahib": "contested"},
    ),
    # an elided verb; an entry that met no resistance
    "as has the capital of a province": (
        "Within a day Herat and Kandahar have fallen to the militants, as has the capital of "
        "Uruzgan province, where foreign troops fought for years.",
        {"Herat": "captured", "Kandahar": "captured", "the capital of Uruzgan": "captured"},
    ),
    "as they did the next town": (
        "The insurgents overran Aybak on Monday, as they did Pul-e-Khumri a day later.",
        {"Aybak": "captured", "Pul-e-Khumri": "captured"},
    ),
    "entered without a fight": (
        "On Sunday evening the movement's fighters entered Jalalabad without a fight and took "
        "over the governor's office.",
        {"Jalalabad": "captured"},
    ),
    "entered, then fighting": (
        "Militants entered Ghazni overnight and heavy fighting was under way on Monday.",
        {"Ghazni": "contested"},
    ),
    # verbs and nouns of real copy: invaded, present passive, armed conflict; who lost
    "invaded the city": (
        "Insurgents invaded the northern city of Taloqan before dawn on Sunday, officials said.",
        {"Taloqan": "captured"},
    ),
    "present passive in a headline": (
        "Logar and restive Ghazni, on the road south, are taken over by the militants.",
        {"Logar": "captured", "Ghazni": "captured"},
    ),
    "armed conflict in provinces": (
        "Armed conflict in Laghman, Kunar and Nuristan has displaced some 2,000 people.",
        {"Laghman": "contested", "Kunar": "contested", "Nuristan": "contested"},
    ),
    "the Taliban lost control": (
        "Local reports say the Taliban have lost control of Deh Salah district to resistance "
        "fighters.",
        {"Deh Salah": "recaptured"},
    ),
    "the government lost control": (
        "The government lost control of Qala-e-Naw on Sunday evening.",
        {"Qala-e-Naw": "captured"},
    ),
    "buildings as the subject after a place": (
        "Clashes were reported in the city of Aybak, and government buildings are taken over "
        "by the insurgents.",
        {"Aybak": "contested"},
    ),
    "carried list: a province that locates an unknown district is a part": (
        "Eleven more districts have fallen to the militants. They are Yawan in Badakhshan, "
        "Mianshin in Kandahar and Nish in Uruzgan.",
        {"Yawan": "captured", "Mianshin": "captured", "Uruzgan": "contested"},
    ),
    "ministry operation list": (
        "The defence ministry said 120 militants were killed in security forces operations in "
        "Kunar, Logar and Ghor provinces over the past day.",
        {"Kunar": "contested", "Logar": "contested", "Ghor": "contested"},
    ),
    "a list item with its head noun": (
        "The militants have captured five capitals: Kunduz, Taluqan city, Sheberghan, Zaranj and "
        "Aybak.",
        {"Taluqan": "captured", "Sheberghan": "captured", "Aybak": "captured"},
    ),
    "the militants now hold": (
        "The militants now hold Ghazni and Kunduz, officials conceded.",
        {"Ghazni": "captured", "Kunduz": "captured"},
    ),
    "close to being overrun": (
        "Ghazni is one of two cities close to being overrun by the insurgents.",
        {"Ghazni": "contested"},
    ),
    "launched attacks in districts": (
        "The insurgents launched heavy attacks in Shahjoy and Mizan districts overnight.",
        {"Shahjoy": "contested", "Mizan": "contested"},
    ),
    "the areas surrounding a city": (
        "Farmers fled the villages surrounding Kandahar city after the harvest.",
        {"Kandahar": "mentioned"},
    ),
    "planned to move into": (
        "Alliance forces planned to move into Kunduz late on Sunday.",
        {"Kunduz": "contested"},
    ),
    "scare quotes inside a trigger phrase": (
        'The minister said the army was "putting pressure" on Taloqan and on \u201cthe outskirts\u201d '
        "of Aybak.",
        {"Taloqan": "contested", "Aybak": "contested"},
    ),
    "towns of a province are parts of it": (
        "The militants have captured several towns of Logar province this week.",
        {"Logar": "contested"},
    ),
    "its fall opening a sentence": (
        "Fighting raged around Farah for weeks. Its fall on Tuesday was the eighth of a "
        "capital this week.",
        {"Farah": "captured"},
    ),
    "its fall inside a sentence refers to a phrase": (
        "The city lies on the road between Kabul and Kandahar, and its fall would be a blow.",
        {"Kandahar": "mentioned"},
    ),
    "at the door of a city": (
        "Lightning advances brought the movement to the door of Mazar-i-Sharif within days.",
        {"Mazar-i-Sharif": "contested"},
    ),
    "dateline with an Afghan broadcaster": (
        "KABUL (Tolo News): Two district centres in the north have fallen to the militants.",
        {"KABUL": "mentioned"},
    ),
    "the centre of a province is its capital": (
        "The centre of Ghor province also fell to the insurgents during the day.",
        {"The centre of Ghor": "captured"},
    ),
    "once again fallen is news": (
        "Several districts were retaken in June, but three of them--Yawan in Badakhshan, "
        "Chakhansur in Nimroz and Guzara in Herat--have once again fallen.",
        {"Yawan": "captured", "Chakhansur": "captured", "Guzara": "captured"},
    ),
    "suicide attack is violence": (
        "Two days after the suicide attack on Kabul airport, troops struck back.",
        {"Kabul airport": "violence"},
    ),
    "the fall after a time word is no act of the forces before it": (
        "The former minister, who joined the resistance forces after the fall of Kabul, "
        "has not been seen since.",
        {"Kabul": "captured"},
    ),
    "a former stronghold is no state; the verb before it decides": (
        "Opposition forces under Gen. Rahimi swept into the former Taliban stronghold of "
        "Kunduz on Monday.",
        {"Kunduz": "recaptured"},
    ),
    "a chronology's year heads every sentence of its line": (
        "Key dates:\n1996 \u2014 The movement rises in the south. Its fighters then take "
        "Kabul after a long siege.\n2021 \u2014 Insurgents capture Kunduz.",
        {"Kabul": "mentioned", "Kunduz": "captured"},
    ),
    "a place within a distance of another only says where it lies": (
        "Insurgents have seized a district within 30 miles of the Afghan capital.",
        {"the Afghan capital": "mentioned"},
    ),
    "districts, including one in a province, are part of it": (
        "The militants took four districts on Saturday, including a key one in Kandahar.",
        {"Kandahar": "contested"},
    ),
    "districts with a bracketed locator are part of it": (
        'A council member was quoted as saying "all the districts [in Qala-e-Naw] have fallen."',
        {"Qala-e-Naw": "contested"},
    ),
    "list items introduced as 'the city of', after 'as well as'": (
        "Insurgents took the city of Farah, the capital of the western Farah Province, as "
        "well as the city of Puli Khumri, the capital of Baghlan.",
        {"Farah": "captured", "Puli Khumri": "captured"},
    ),
    "a list item's aside that opens with 'in the', without a comma": (
        "On Tuesday they seized two more capitals: the town of Farah in the western province "
        "of the same name; and Faizabad, the capital of the remote north-east.",
        {"Farah": "captured", "Faizabad": "captured"},
    ),
    "'among these were' names the places the sentence before spoke of": (
        "The insurgents overran eight more districts in two days. Among these were Nahrin, "
        "Shah Joy and Chahar Dara.",
        {"Nahrin": "captured", "Chahar Dara": "captured"},
    ),
    "the other side gaining full control is a recapture": (
        "Opposition troops on Sunday gained complete control of Khanabad.",
        {"Khanabad": "recaptured"},
    ),
    "the Taliban surrendering a town to the other side": (
        "The Taliban surrendered the town of Kunduz to the Northern Alliance after talks.",
        {"Kunduz": "recaptured"},
    ),
    "the Taliban surrendering control of a town named before": (
        "Alliance fighters reached Kunduz, and the Taliban has surrendered control of the city.",
        {"Kunduz": "recaptured"},
    ),
    "a governor surrendering stays a capture": (
        "The governor of Farah had surrendered.",
        {"Farah": "captured"},
    ),
    "a raid by government forces in a province is fighting there": (
        "Officials reported 15 insurgents dead in a raid conducted by army units in the "
        "eastern province of Logar.",
        {"Logar": "contested"},
    ),
    "a statement refuted by the capital is the government's word": (
        "The group claimed control of half the country's districts, a claim refuted by Kabul.",
        {"Kabul": "mentioned"},
    ),
    "a colon list after a state that has its subject": (
        "Aybak joins two other northern capitals now fully under Taliban control: Kunduz and "
        "the city of Taloqan.",
        {"Aybak": "captured", "Kunduz": "captured", "Taloqan": "captured"},
    ),
    "a colon after a state, then a clause of its own": (
        "Herat remains under government control: Farah and Ghor are contested.",
        {"Herat": "government", "Farah": "contested"},
    ),
    "an official cited with the Taliban's spokesman makes it a fact": (
        "Insurgents took a fifth capital on Sunday, overrunning Sheberghan, a police chief and "
        "a Taliban spokesman said.",
        {"Sheberghan": "captured"},
    ),
    "the Taliban's spokesman alone is a claim": (
        "Insurgents overran Sheberghan on Sunday, a Taliban spokesman said.",
        {"Sheberghan": "claimed"},
    ),
    "the opposing group's forces, named with their commander, retake a town": (
        "Northern Alliance forces under Gen. Daud Rahimi swept into Taloqan on Monday.",
        {"Taloqan": "recaptured"},
    ),
    "the opposing group's commander quoted on a capture is a claim": (
        '"This morning we took Aybak and Sheberghan," a Northern Alliance commander told '
        "reporters by telephone.",
        {"Aybak": "claimed", "Sheberghan": "claimed"},
    ),
    "the opposing group's capture told by the reporter is a fact": (
        "Northern Alliance troops took Aybak on Sunday after a short battle.",
        {"Aybak": "recaptured"},
    ),
    "a quotation over two sentences, its Taliban speaker named where it closes": (
        '"Gardez has been conquered. All the offices are now under our control," the '
        "Taliban spokesman wrote on Twitter.",
        {"Gardez": "claimed"},
    ),
    "a quotation over two sentences from an official is a fact": (
        '"Gardez has fallen. We could not hold it," a provincial official said.',
        {"Gardez": "captured"},
    ),
    "officials and the Taliban saying it together make it a fact": (
        "Three officials and the Taliban say the militants have seized the city of Gardez.",
        {"Gardez": "captured"},
    ),
    "all other parts of a city under Taliban control is the city, less a holdout": (
        "Fighters ringed the last army base outside Aybak, and all other parts of Aybak are "
        "under Taliban control, a council member said.",
        {"Aybak": "captured"},
    ),
    "parts of a city under Taliban control is a part": (
        "Parts of Aybak are under Taliban control, a council member said.",
        {"Aybak": "contested"},
    ),
    "an offensive in the country is about no place named before it": (
        "Foreign troops left Bagram Air Base, the hub of the NATO-led offensive in the "
        "country for twenty years.",
        {"Bagram Air Base": "mentioned"},
    ),
    "fighting in a city named after it is about that city": (
        "Kandahar was quiet, but fighting in the city of Lashkar Gah went on.",
        {"Lashkar Gah": "contested"},
    ),
    "a briefing's operations 'were in' a list of places": (
        '"The operations we carried out overnight were in Logar, Khost and Paktia," the '
        "ministry spokesman said.",
        {"Logar": "contested", "Paktia": "contested"},
    ),
    "making a move on a weekday is no advance": (
        "The president made the move on Friday after a car bomb in Herat killed nine people.",
        {"Herat": "violence"},
    ),
    "a stronghold now is a state": (
        "The city is the Taliban's southern stronghold of Kandahar, officials said.",
        {"Kandahar": "captured"},
    ),
    # closing on a place: movement and threat are `contested` (LABELS.md)
    "an offensive that brings them closer to the capital, named after a comma": (
        "The fighters took Ghazni on Thursday as their sweep brought them closer to the "
        "capital, Kabul.",
        {"Ghazni": "captured", "Kabul": "contested"},
    ),
    "a capital left isolated": (
        "The fall of Ghazni leaves the capital, Kabul, more isolated than ever.",
        {"Kabul": "contested"},
    ),
    "the next target": (
        "Kandahar has fallen, and the next target being the capital city of Kabul worries "
        "diplomats.",
        {"Kabul": "contested"},
    ),
    "leaving a town with nothing isolating it is no threat": (
        "Thousands are leaving Kabul by road every day for Pakistan, where the camps feel "
        "isolated.",
        {"Kabul": "mentioned"},
    ),
    "the capital before a named place is that place, not the town before": (
        "Ghazni fell on Thursday. An attack on the capital, Kabul, was repelled on Friday.",
        {"Ghazni": "captured", "Kabul": "government"},
    ),
    "a place ending a relative clause between commas is not the verb's subject": (
        "Garmsir, which borders the southern provincial capital of Lashkar Gah, was under "
        "Taliban control for a year.",
        {"Garmsir": "captured", "Lashkar Gah": "mentioned"},
    ),
    "the fall of places named with an aside, then 'would'": (
        "The loss of Herat and Kandahar, the country's biggest cities after the capital, "
        "would be a heavy blow to the government.",
        {"Herat": "contested", "Kandahar": "contested"},
    ),
    "an assault to capture a place is its aim": (
        "Heavy fighting went on for a second day as the insurgents pressed an assault to "
        "capture the city of Herat.",
        {"Herat": "contested"},
    ),
    "repelled from a place": (
        "Within hours the ministry said the insurgents had been repelled from Tirin Kot.",
        {"Tirin Kot": "government"},
    ),
    "casualties taken are no place taken": (
        "Government troops have taken heavy casualties in Ghormach, the governor said.",
        {"Ghormach": "violence"},
    ),
    "the armed group's terrorists lost control": (
        "Taliban terrorists lost control of the Deh Salah district after a clash with an "
        "armed uprising on Friday.",
        {"Deh Salah": "recaptured"},
    ),
    "the armed group sets up bases": (
        "Taliban fighters have set up bases in Takhar and Andarab, residents said.",
        {"Takhar": "contested", "Andarab": "contested"},
    ),
    "a base anyone else opens is no fighting": (
        "The agency has opened up a base in Takhar for its aid workers.",
        {"Takhar": "mentioned"},
    ),
    "a city that did not completely fall is fought over": (
        "Officials said fighters were inside Sheberghan, but that the city did not completely "
        "fall.",
        {"Sheberghan": "contested"},
    ),
    "the presidential palace entered is the capital taken": (
        "By evening the insurgents had entered the presidential palace in Kabul.",
        {"Kabul": "captured"},
    ),
    "the presidential palace taken, told after the day": (
        "The movement seized power on Sunday, taking control of the presidential palace in Kabul.",
        {"Kabul": "captured"},
    ),
    "talks at the presidential palace take nothing": (
        "Envoys held talks at the presidential palace in Kabul on Sunday.",
        {"Kabul": "mentioned"},
    ),
    "the armed group 'claiming to have' taken a place": (
        "The Taliban are claiming to have captured Ghazni. They are also claiming to have "
        "taken over the presidential palace in Kabul.",
        {"Ghazni": "claimed", "Kabul": "claimed"},
    ),
    "districts including one in a province, the copy repeating a word": (
        "The Taliban took control of three districts including key a key one in their old "
        "bastion of Kandahar.",
        {"Kandahar": "contested"},
    ),
    "a place counted as one more of the verb's objects": (
        "Officials said Mehtarlam is the fourth provincial capital the insurgents have taken "
        "this week.",
        {"Mehtarlam": "captured"},
    ),
    "a place counted, the verb in a relative clause": (
        "Gardez became the ninth city that the militants overran in a week.",
        {"Gardez": "captured"},
    ),
    "a count of towns that names provinces locates them only": (
        "Taliban fighters on Sunday took Jawand, the third district the movement captured "
        "after Ghor and Herat provinces.",
        {"Jawand": "captured", "Ghor": "contested", "Herat": "contested"},
    ),
    "a count of a province's districts held is fighting there": (
        "The picture is bleak in Ghor, where the militants control 6 of 10 districts, Uruzgan "
        "(Taliban controls 4 of 6 districts), and Zabul.",
        {"Ghor": "contested", "Uruzgan": "contested"},
    ),
    "entered, and with it took power": (
        "Weeks after the militants entered Kabul and seized power, the valley still held out.",
        {"Kabul": "captured"},
    ),
    "entered, and took a building only": (
        "Fighters entered Herat on Thursday and took control of the police headquarters.",
        {"Herat": "contested"},
    ),
    "the armed group's advance said not to threaten a place": (
        "The insurgents' advance does not directly threaten Kabul for now, analysts said.",
        {"Kabul": "government"},
    ),
    "a thing that does not threaten a place's farms": (
        "The new dam does not threaten Kandahar's farms.",
        {"Kandahar": "mentioned"},
    ),
    "nearness written as less than so many km away": (
        "The militants are now less than 30km away from Mazar-i-Sharif.",
        {"Mazar-i-Sharif": "contested"},
    ),
    "a distance between two places is no front": (
        "Pul-i-Alam, which is 70km from Kabul, was captured by the insurgents on Friday.",
        {"Pul-i-Alam": "captured", "Kabul": "mentioned"},
    ),
    "a place ceded to the armed group, many words between": (
        "The surrender ceded the last stretch of government control in Kunduz to the Taliban.",
        {"Kunduz": "captured"},
    ),
    "government control as a noun states no hold": (
        "Fighters reached the edge of the last pocket of government control in Kunduz.",
        {"Kunduz": "contested"},
    ),
    "fighting told with a hedge is still fighting": (
        "The militants appeared to be close to seizing Qalat, a diplomat said.",
        {"Qalat": "contested"},
    ),
    "officials not reached to confirm a fall": (
        "Insurgents overran Shortepa on Monday, though officials could not be reached to "
        "confirm the district's fall.",
        {"Shortepa": "claimed"},
    ),
    "the state still holds, its holder named before an aside": (
        "The government in the capital, Kabul, still holds a handful of provinces, as well "
        "as the western city of Herat.",
        {"Herat": "government", "Kabul": "mentioned"},
    ),
    "the armed group still holds": (
        "The movement still controls Kunduz, residents said.",
        {"Kunduz": "captured"},
    ),
    "a claim answered by fighting in the next sentence": (
        "An insurgent spokesman said their fighters had captured the border town of Islam "
        "Qala. A ministry spokesman said commandos were working to dislodge the attackers.",
        {"Islam Qala": "contested"},
    ),
    "a claim answered by fighting in the same sentence": (
        "The Taliban claimed full control of Panjshir, but resistance commanders say their "
        "men are still holding out in the side valleys.",
        {"Panjshir": "contested"},
    ),
    "a claim answered by gunfire heard": (
        "The insurgents also said they had taken Ghazni city. Gunfire could be heard down "
        "the line as the governor's aide spoke to reporters.",
        {"Ghazni": "contested"},
    ),
    "a claim beside fighting that names its own place stays a claim": (
        "Clashes continued in Lashkar Gah on Friday and the group claimed to have seized Tarinkot.",
        {"Tarinkot": "claimed", "Lashkar Gah": "contested"},
    ),
    "a claim the next sentence reports nothing against stays a claim": (
        "A Taliban spokesman said the fighters had captured Qalat. Shops stayed shut in "
        "the city for a second day.",
        {"Qalat": "claimed"},
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_published_shape(name, gaz):
    text, expected = CASES[name]
    readings, _ = extract_text(text, gaz)
    got = {surface: str(place_status(readings, surface)) for surface in expected}
    assert got == expected, f"{name}: {[(r.mention.surface, r.status, r.rule) for r in readings]}"


def test_the_provincial_capital_is_never_kabul(gaz):
    """'the provincial capital' refers back to the last provincial capital or province named,
    passing over Kabul, the national capital (which 'the capital' may still mean)."""
    text = (
        "Fighting went on in Panjshir all week, days after the movement's leaders reached "
        "Kabul. Its fighters have now taken over the provincial capital."
    )
    readings, _ = extract_text(text, gaz)
    found = [(r.mention.surface, r.mention.province, str(r.status)) for r in readings]
    assert ("the provincial capital", "AF-PAN", "captured") in found, found


@pytest.mark.parametrize(
    "text, expected",
    [
        # a hold stated as a state, then fighting at the place: the fighting is the news
        (
            "Kandahar is the only southern city still under government control. By evening, "
            "insurgents had advanced to the door of Kandahar.",
            "contested",
        ),
        # a repelled attack, then the attack told: the place was held
        (
            "Security forces repelled the attack on Kandahar. The assault on Kandahar began "
            "at dawn.",
            "government",
        ),
        # fighting, then the fall denied: "not fallen" is "not yet", the fighting stands
        (
            "Insurgents fought their way to the edge of Kandahar on Monday. Officials insisted "
            "that Kandahar had not fallen.",
            "contested",
        ),
        # fighting, then a hold told as the day's outcome: the fight is over
        (
            "Insurgents attacked Kandahar overnight. By evening Kandahar was fully under "
            "government control.",
            "government",
        ),
        # a fall, then the same article says it was only in part: held in part, fought over
        (
            "A news agency said Kandahar had fallen. The ministry said fighters had entered "
            "the city but that Kandahar did not completely fall.",
            "contested",
        ),
    ],
)
def test_a_stated_hold_yields_to_later_fighting_a_repelled_attack_does_not(text, expected, gaz):
    readings, _ = extract_text(text, gaz)
    reports = seed_reports(readings)
    got = [str(r.status) for r in reports if r.place.name == "Kandahar"]
    assert got == [expected], [(r.mention.surface, r.status, r.act, r.rule) for r in readings]


def test_a_quotation_is_looked_for_within_its_reach_only(gaz):
    """A quote mark opened more than LINE_REACH characters back, with no line break between,
    is not taken to hold the trigger (the scan is bounded, as the docstring says)."""
    from mapping.statuses import LINE_REACH

    filler = "Residents waited for news. " * (LINE_REACH // 20)
    text = f'"{filler}Gardez has fallen. The offices are ours," a Taliban spokesman said.'
    near = '"Gardez has fallen. The offices are ours," a Taliban spokesman said.'
    far, _ = extract_text(text, gaz)
    close, _ = extract_text(near, gaz)
    assert [str(r.status) for r in far if r.mention.surface == "Gardez"] == ["captured"]
    assert [str(r.status) for r in close if r.mention.surface == "Gardez"] == ["claimed"]


def test_only_hard_wrapped_copy_is_unwrapped_and_offsets_hold():
    """A chronology's lines (no stop, but each starts anew) and a text with one odd break
    stay as they are; wrapped copy keeps its length, its paragraphs and its short lines."""
    from mapping.statuses import unwrapped

    chronology = "Aug. 9 - Aybak: the Taliban enter the city\nAug. 10 - Farah falls to them\n"
    one_break = "Officials said the insurgents seized the\ncity of Maimana on Monday."
    assert unwrapped(chronology) == chronology and unwrapped(one_break) == one_break
    wrapped = (
        "Insurgents have overrun large parts of the\nnorthern province of Kunduz and\n"
        "besieged its capital since Monday.\nShort line\nnext one\n\nA new paragraph"
    )
    out = unwrapped(wrapped)
    assert len(out) == len(wrapped)
    assert out.startswith("Insurgents have overrun large parts of the northern province of ")
    assert "Kunduz and besieged" in out and "Monday.\nShort line\nnext" in out
    assert out.endswith("\n\nA new paragraph")


def test_hard_wrapped_copy_with_windows_line_endings_is_unwrapped_alike(gaz):
    """The same wrapped copy saved with CR LF line ends: each break is read as spaces (two,
    so every offset holds), and the place after a break is read as with LF ends. Before,
    the CR before each break hid the wrapping, and the verb on the next line lost its
    place."""
    from mapping.statuses import unwrapped

    lf = (
        "Officials in the eastern province said that\nthe insurgents had seized the town of\n"
        "Asadabad late on Saturday, after the elders\nnegotiated a handover with the governor."
    )
    crlf = lf.replace("\n", "\r\n")
    out = unwrapped(crlf)
    assert len(out) == len(crlf) and "\r" not in out and "\n" not in out
    assert out.replace("  ", " ") == unwrapped(lf)
    assert str(place_status(extract_text(crlf, gaz)[0], "Asadabad")) == "captured"


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Troops pulled back from Ab-band in Ghazni overnight.", "province"),
        ("Officials told Reuters in Ghazni that talks went on.", "city"),  # an actor, not a place
        ("Heavy fighting in Ghazni went on.", "city"),  # a lower-case word before "in"
    ],
)
def test_a_name_we_may_not_know_is_located_in_a_province(text, kind, gaz):
    readings, _ = extract_text(text, gaz)
    assert [r.mention.kind for r in readings if r.mention.surface == "Ghazni"] == [kind]


def test_in_running_text_a_capitalised_neighbour_still_makes_a_longer_name(gaz):
    """Only a title-case headline lets a name stand beside capitalised words."""
    running, _ = extract_text("Members of the Khost Protection Force were seen on Monday.", gaz)
    headline, _ = extract_text("Khost Protection Force Seen Near Airport\n", gaz)
    assert [r.mention.surface for r in running] == []
    assert [r.mention.surface for r in headline] == ["Khost"]


@pytest.mark.parametrize(
    "text, province",
    [
        # the province named earlier in the sentence, not the town sentences before
        (
            "Journalists in Kabul gathered on Sunday. A member of the provincial council in "
            "Paktika province confirmed that the fighters had entered the city.",
            "AF-PKA",
        ),
        # ... unless named as where the fighters came from
        (
            "Fighting reached Tarin Kot on Monday. Insurgents from nearby Helmand and Kandahar "
            "provinces overran checkpoints into the city.",
            "AF-URU",
        ),
    ],
)
def test_the_city_after_a_province_of_its_sentence_is_that_provinces_capital(text, province, gaz):
    readings, _ = extract_text(text, gaz)
    assert [r.mention.province for r in readings if r.mention.surface == "the city"] == [province]


def test_positions_taken_near_a_city_are_no_taking(gaz):
    text = (
        "The capital of Uruzgan province is close to falling after the Taliban, who have "
        "taken positions within a few kilometres of the city, advanced."
    )
    readings, _ = extract_text(text, gaz)
    assert [str(r.status) for r in readings if r.mention.surface == "the city"] == ["mentioned"]
