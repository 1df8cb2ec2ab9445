"""The five good-practice passages of real regiovisies quoted in Verwonderzoek (2023), Bijlage 2
(seed 001), as (block kind, text) blocks, and the items the study describes for each."""

from __future__ import annotations

WEST_VELUWE_VALLEI = [
    ("paragraph", "Huiselijk geweld is genderspecifiek; meer vrouwen dan mannen zijn slachtoffer van huiselijk geweld. Vrouwen zijn voorts vaker slachtoffer van structureel geweld"),
]

TWENTE = [
    ("paragraph", "Risicofactoren van huiselijk geweld zijn onder meer machtsverschil en afhankelijkheid: relationele afhankelijkheid, economische afhankelijkheid, verblijfsstatus, zorgafhankelijkheid of een combinatie, en genderongelijkheid."),
    ("paragraph", "We hebben hierbij oog voor gendersensitief werken. Hiermee stellen we de behoefte van de individuele persoon of de individuele behoeften van verschillende doelgroepen centraal."),
    ("glossary", "Gendersensitief werken: het bewust zijn van en rekening houden met de verschillen in macht, afhankelijkheid en wederzijdse verwachtingen die uit genderrollen voortvloeien."),
]

ZUID_HOLLAND_ZUID = [
    ("paragraph", "Zo is bekend dat op het niveau van de maatschappij gender een belangrijke rol speelt: de sociaal-culturele rollen die verbonden worden aan man- en vrouwzijn en die leiden tot verschillen in macht. Dat uit zich in verschillen tussen de seksen in dader- en slachtofferschap en speelt een belangrijke rol bij schadelijke traditionele praktijken. Vrouwen zijn bijna vier keer zo vaak slachtoffer van structureel geweld als mannen en binnen de (ex-)partnerrelatie zelfs bijna zes keer zo vaak."),
]

AMSTERDAM_AMSTELLAND = [
    ("paragraph", "We moeten daarom gendersensitief te werk gaan bij de aanpak van huiselijk geweld en kindermishandeling. Dat houdt in dat ons beleid samenhangt met andere beleidsterreinen. Een voorbeeld hiervan is de aanpak van (seksuele) intimidatie op straat en seksueel geweld tegen vrouwen door anderen dan de (ex-)partner. Een ander voorbeeld is het vergroten van de economische zelfstandigheid en de arbeidsparticipatie van vrouwen (bijvoorbeeld via opleidingsniveau en taalvaardigheid)."),
]

GRONINGEN = [
    ("paragraph", "Onderzoek wijst tenslotte uit dat traditionele opvattingen over genderrollen in de omgeving een voedingsbodem zijn voor geweld tegen vrouwen en kinderen."),
    ("paragraph", "De gevolgen van partnergeweld zijn in verreweg de meeste gevallen verschillend voor vrouwen en mannen. Vrouwen zijn vaker slachtoffer van geweld met een hoge intensiteit, dat wil zeggen een langere duur van het geweld, een hogere frequentie, ernstiger letsel en ernstiger gevolgen. Mannen en vrouwen hebben even vaak behandeling van een huisarts of in het ziekenhuis nodig in geval van huiselijk geweld. Vrouwen hebben vaker behandeling van een huisarts of in het ziekenhuis nodig na geweld door een (ex)partner terwijl mannen vaker naar een huisarts of ziekenhuis moesten na geweld door een broer of een zus."),
    ("paragraph", "Verder blijkt dat partnergeweld voor vrouwen vaker fatale gevolgen kan hebben; tussen 2010 en 2014 waren er in Nederland jaarlijks gemiddeld 25 vrouwelijke en 5 mannelijke slachtoffers van fataal partnergeweld. Uit internationaal onderzoek bleek dat er zeven keer meer gevallen van dodelijk huiselijk geweld met vrouwelijke slachtoffers dan met mannelijke slachtoffers waren."),
    ("paragraph", "Daarnaast is de rol van genderaspecten uitgewerkt in de aanpak van 'intieme terreur' en 'ongewenste tolerantie partnergeweld onder jongvolwassenen'."),
    ("paragraph", "Intiem terreur. Het gaat hierbij om een sterk controlerende vorm van geweld met meestal mannelijke plegers en vrouwelijke slachtoffers. De pleger past fysiek en vaak ook seksueel geweld toe, maar kan ook andere vormen van geweld gebruiken zoals psychische mishandeling en economische mishandeling, waarbij de partner bewust financieel afhankelijk wordt gehouden. Als er een verleden is van ernstig geweld, dan kan alleen al de dreiging daarmee voldoende zijn om macht en controle over het slachtoffer uit te oefenen. Bij dit geweld is er meestal sprake van stereotype rolpatronen."),
    ("paragraph", "Ongewenste tolerantie partnergeweld onder jongvolwassenen. Het is opvallend dat er een hoge tolerantie is bij jongeren voor partnergeweld, met name voor seksueel geweld. De bevinding dat jongeren relatief tolerant staan tegenover vormen van partnergeweld vraagt om het ontwikkelen van een preventieprogramma om een risico op toename van partnergeweld in de toekomst te verkleinen."),
]
