#!/usr/bin/env python3
"""Build the curated knowledge base data/db.json from the two seed documents.

The records live below as plain Python literals (one list of dicts per table). Running the
script checks every record against the vocabularies in src/nkru_tui/core/schema.py and against
the seed texts (every evidence quote must be verbatim), then writes data/db.json in TinyDB's
JSON layout, deterministically (same records -> same bytes).

Usage: python3 scripts/build_store.py [--seeds DIR] [--out PATH] [--built YYYY-MM-DD] [--check]

--seeds defaults to ../shared/seeds relative to the repository root; --check validates only.
Exit status 0 on success; 1 with a list of problems otherwise. Standard library only.
"""

from __future__ import annotations

import argparse
import calendar
import importlib.util
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCHEMA_PY = REPO / "src" / "nkru_tui" / "core" / "schema.py"
DEFAULT_SEEDS = REPO.parent / "shared" / "seeds"
DEFAULT_OUT = REPO / "data" / "db.json"
BUILT = "2026-11-23"  # date of this curation pass (`date +%F`); override with --built


def _load_schema():
    """Load schema.py by path, so this script needs neither the package nor its dependencies."""
    spec = importlib.util.spec_from_file_location("_nkru_schema", SCHEMA_PY)
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------------------------

P2P = "s-p2p-exchanges"
WON = "s-wonsan-talks"

SOURCES = [
    {
        "id": P2P,
        "title": "North Korea-Russia People-to-People Exchanges as a Tool for Sustained Dialogue",
        "file": "000_56500e59d01c30ef.txt",
        "origin": "Analytical article; author, outlet and publication date are not stated in "
                  "the text. Its latest dated events are from May-summer 2025.",
        "notes": "Covers non-military ties: regional diplomacy of Primorsky Krai, education, "
                 "youth organisations, tourism, flights, the road bridge and a product fair, "
                 "with the author's conclusions on what each side gains.",
    },
    {
        "id": WON,
        "title": "Choe Son-hui and Lavrov hold strategic talks in Wonsan (July 2025)",
        "file": "002_a71e007d51a8c298.txt",
        "origin": "Analytical news article; author, outlet and publication date are not stated "
                  "in the text. It reports the July 12, 2025 talks as recent.",
        "notes": "The document has no headline line; this title is a short description in our "
                 "own words. Sections: key statements, motives, strategic and military "
                 "dimensions, reactions, what happens next.",
    },
]


SOURCE_IDS = {s["id"] for s in SOURCES}


def ev(source: str, quote: str) -> dict:
    """One evidence item: a short verbatim quote from a source."""
    return {"source": source, "quote": quote}


# --------------------------------------------------------------------------------------------
# Actors
# --------------------------------------------------------------------------------------------

ACTORS = [
    # ---- states and international bodies ----
    {
        "id": "north-korea", "name": "North Korea", "kind": "state", "country": "KP",
        "aliases": ["DPRK", "Democratic People's Republic of Korea", "NK",
                    "조선민주주의인민공화국", "조선", "북한", "КНДР", "Северная Корея",
                    "Корейская Народно-Демократическая Республика"],
        "description": "The North Korean state, one of the two partners whose ties both "
                       "articles describe.",
        "evidence": [ev(WON, "North Korea and Russia have a long history of alliance, dating back to the Korean War."),
                     ev(P2P, "North Korea and Russia have been promoting youth contacts")],
    },
    {
        "id": "russia", "name": "Russia", "kind": "state", "country": "RU",
        "aliases": ["Russian Federation", "Россия", "Российская Федерация", "РФ", "러시아",
                    "러시아 연방"],
        "description": "The Russian state, North Korea's partner under the 2024 treaty.",
        "evidence": [ev(P2P, "the partnership between Russia and North Korea"),
                     ev(WON, "North Korea and Russia have a long history of alliance, dating back to the Korean War.")],
    },
    {
        "id": "united-states", "name": "United States", "kind": "state", "country": "US",
        "aliases": ["U.S.", "US", "USA", "United States of America", "США",
                    "Соединённые Штаты Америки", "미국"],
        "description": "Named as the power both partners set themselves against, and as one "
                       "of the governments that condemned North Korea's support for Russia.",
        "evidence": [ev(WON, "North Korea has often aligned itself with global powers opposed to the U.S.")],
    },
    {
        "id": "south-korea", "name": "South Korea", "kind": "state", "country": "KR",
        "aliases": ["Republic of Korea", "ROK", "대한민국", "한국", "Южная Корея",
                    "Республика Корея"],
        "description": "North Korea's rival; Russia keeps diplomatic ties with it; it joined "
                       "the condemnation of North Korea's support for Russia.",
        "evidence": [ev(P2P, "its diplomatic ties with South Korea, a North Korean rival"),
                     ev(WON, "particularly from the U.S. and South Korea")],
    },
    {
        "id": "china", "name": "China", "kind": "state", "country": "CN",
        "aliases": ["PRC", "People's Republic of China", "中国", "中华人民共和国", "Китай",
                    "КНР", "중국"],
        "description": "Until recently North Korea's only official ally; a competitor for "
                       "North Korean goods in Russia; host of the SCO meeting Lavrov was to "
                       "attend after Wonsan.",
        "evidence": [ev(P2P, "North Korea's cautious attitude toward China, which until recently, remained the only official ally of North Korea"),
                     ev(WON, "China, while not as openly supportive as North Korea, has also strengthened ties with Russia")],
    },
    {
        "id": "japan", "name": "Japan", "kind": "state", "country": "JP",
        "aliases": ["日本", "Nippon", "Япония", "일본"],
        "description": "One of the East Asian countries with which Far Eastern Federal "
                       "University had held university forums before the North Korean one.",
        "evidence": [ev(P2P, "Previously, the university organized similar forums with other East Asian countries-China, South Korea, and Japan.")],
    },
    {
        "id": "ukraine", "name": "Ukraine", "kind": "state", "country": "UA",
        "aliases": ["Україна", "Украина", "우크라이나"],
        "description": "The country at war with Russia; North Korean troops aided Russian "
                       "forces against it in the Kursk region.",
        "evidence": [ev(WON, "where they assisted Russian forces against Ukraine"),
                     ev(WON, "their alliance not only influences the ongoing conflict in Ukraine")],
    },
    {
        "id": "european-union", "name": "European Union", "kind": "organization",
        "country": "EU",
        "aliases": ["EU", "Европейский союз", "Евросоюз", "ЕС", "유럽연합"],
        "description": "Joined the U.S. and South Korea in condemning North Korea's support "
                       "for Russia.",
        "evidence": [ev(WON, "The U.S., South Korea, and European Union have strongly condemned North Korea's support for Russia")],
    },
    {
        "id": "the-west", "name": "The West", "kind": "organization", "country": "INT",
        "aliases": ["Western countries", "Запад", "서방"],
        "description": "The Western countries as a bloc, as both articles use the term: the "
                       "counterweight of the alliance and the side whose relations with "
                       "Russia may improve.",
        "evidence": [ev(WON, "positioning their alliance as a counterweight to Western influence"),
                     ev(P2P, "if its relations with the West improve")],
    },
    {
        "id": "un-security-council", "name": "UN Security Council", "kind": "organization",
        "country": "UN",
        "aliases": ["UNSC", "United Nations Security Council", "Совет Безопасности ООН",
                    "СБ ООН", "유엔 안전보장이사회", "유엔 안보리"],
        "description": "The UN body where Russia gives North Korea a powerful ally; its "
                       "resolutions are cited by the critics of North Korea's support for "
                       "Russia.",
        "evidence": [ev(WON, "North Korea gains a powerful ally at the UN Security Council"),
                     ev(WON, "calling it a violation of UN Security Council resolutions and a threat to global security")],
    },
    {
        "id": "sco", "name": "Shanghai Cooperation Organization", "kind": "organization",
        "country": "INT",
        "aliases": ["SCO", "Шанхайская организация сотрудничества", "ШОС", "상하이협력기구",
                    "上海合作组织"],
        "description": "Lavrov was due to attend its meeting in China right after his North "
                       "Korea visit.",
        "evidence": [ev(WON, "he will travel to China for a meeting of the Shanghai Cooperation Organization")],
    },
    # ---- people ----
    {
        "id": "kim-jong-un", "name": "Kim Jong Un", "kind": "person", "country": "KP",
        "aliases": ["Kim Jong-un", "Kim Chen Yn", "김정은", "金正恩", "Ким Чен Ын"],
        "description": "North Korea's leader; signed the 2024 treaty with Putin and received "
                       "Shoigu; the first article reads his outreach as a revival of his "
                       "grandfather's policy of grassroots exchanges.",
        "evidence": [ev(WON, "North Korean leader Kim Jong-un"),
                     ev(P2P, "This would imply that Kim Jong Un is attempting to revitalize his grandfather's policy, which focused on expanding grassroots exchanges with other countries.")],
    },
    {
        "id": "vladimir-putin", "name": "Vladimir Putin", "kind": "person", "country": "RU",
        "aliases": ["Putin", "Vladimir Vladimirovich Putin", "Владимир Путин",
                    "Владимир Владимирович Путин", "Путин", "블라디미르 푸틴", "푸틴"],
        "description": "Russia's president; visited Pyongyang in June 2024 and signed the "
                       "Comprehensive Strategic Partnership Treaty there.",
        "evidence": [ev(P2P, "During his visit to Pyongyang in June 2024, when the Treaty was signed, Russian President Vladimir Putin mentioned positive developments")],
    },
    {
        "id": "sergei-shoigu", "name": "Sergei Shoigu", "kind": "person", "country": "RU",
        "aliases": ["Shoigu", "Sergey Shoygu", "Sergei Shoygu", "Сергей Шойгу", "Шойгу",
                    "세르게이 쇼이구", "쇼이구"],
        "description": "Secretary of the Russian Security Council; met Kim Jong Un on June 17 "
                       "on his second Pyongyang trip within a month.",
        "evidence": [ev(P2P, "Sergei Shoigu, the Secretary of the Russian Security Council")],
    },
    {
        "id": "sergei-lavrov", "name": "Sergei Lavrov", "kind": "person", "country": "RU",
        "aliases": ["Lavrov", "Sergey Lavrov", "Сергей Лавров", "Лавров",
                    "세르게이 라브로프", "라브로프"],
        "description": "Russia's foreign minister; held the July 2025 strategic talks in "
                       "Wonsan with Choe Son Hui.",
        "evidence": [ev(WON, "Russian Foreign Minister Sergei Lavrov")],
    },
    {
        "id": "choe-son-hui", "name": "Choe Son Hui", "kind": "person", "country": "KP",
        "aliases": ["Choe Son-hui", "Choe Son-hee", "Choe Sun-hui", "Choe", "최선희",
                    "崔善姬", "Чхве Сон Хи"],
        "description": "North Korea's foreign minister; received Lavrov in Wonsan in July 2025 "
                       "for their second strategic dialogue.",
        "evidence": [ev(WON, "North Korean Foreign Minister Choe Son-hui")],
    },
    {
        "id": "oleg-kozhemyako", "name": "Oleg Kozhemyako", "kind": "person", "country": "RU",
        "aliases": ["Kozhemyako", "Олег Кожемяко", "Кожемяко", "올레크 코제먀코",
                    "코제먀코"],
        "description": "Governor of Primorsky Krai; led delegations to Pyongyang in "
                       "December 2023 and March 2024.",
        "evidence": [ev(P2P, "A delegation led by the governor of Primorsky Krai, Oleg Kozhemyako, visited Pyongyang in December that year")],
    },
    {
        "id": "kim-jong-il", "name": "Kim Jong Il", "kind": "person", "country": "KP",
        "aliases": ["Kim Jong-il", "Kim Chen Ir", "김정일", "金正日", "Ким Чен Ир"],
        "description": "Former North Korean ruler and Kim Jong Un's father (the article "
                       "speaks of 'his son'); the article says North Korea's ties abroad and "
                       "its image worsened under his rule.",
        "evidence": [ev(P2P, "These connections weakened, and North Korea's overall image worsened during the rule of Kim Jong Il, leaving a troubled legacy for his son.")],
    },
    {
        "id": "kim-il-sung", "name": "Kim Il Sung", "kind": "person", "country": "KP",
        "aliases": ["Kim Il-sung", "Kim Ir Sen", "김일성", "金日成", "Ким Ир Сен"],
        "description": "Not named in the sources: the first article refers only to Kim Jong "
                       "Un's 'grandfather', whose policy stressed grassroots exchanges with "
                       "other countries; identified here as Kim Il Sung by inference.",
        "evidence": [ev(P2P, "Kim Jong Un is attempting to revitalize his grandfather's policy")],
    },
    # ---- Russian bodies ----
    {
        "id": "russian-security-council", "name": "Russian Security Council",
        "kind": "organization", "country": "RU",
        "aliases": ["Security Council of the Russian Federation", "Совет безопасности Российской Федерации",
                    "Совбез", "Совет безопасности РФ", "러시아 국가안보회의",
                    "러시아 안보회의"],
        "description": "Russia's security council, whose secretary Shoigu met Kim Jong Un.",
        "evidence": [ev(P2P, "Sergei Shoigu, the Secretary of the Russian Security Council")],
    },
    {
        "id": "russian-foreign-ministry", "name": "Russian Foreign Ministry",
        "kind": "organization", "country": "RU",
        "aliases": ["Ministry of Foreign Affairs of the Russian Federation", "MFA of Russia",
                    "МИД России", "Министерство иностранных дел Российской Федерации",
                    "러시아 외무부"],
        "description": "Russia's foreign ministry, headed by Lavrov; it said Russia would keep "
                       "deepening ties with the Global South whatever happens with the West.",
        "evidence": [ev(P2P, "Russian Foreign Ministry claimed that Russia would not give up deepening ties with Asian, African, and Latin American countries even if its relations with the West improve.")],
    },
    {
        "id": "diplomatic-academy", "name": "Diplomatic Academy of the Russian Foreign Ministry",
        "kind": "institution", "country": "RU",
        "aliases": ["Diplomatic Academy of the Ministry of Foreign Affairs",
                    "Diplomatic Academy", "Дипломатическая академия МИД России",
                    "Дипакадемия", "러시아 외교아카데미"],
        "description": "Home of the Russia-North Korea student friendship club that the Young "
                       "Guard hosted in 2023.",
        "evidence": [ev(P2P, "a delegation of the Russia-North Korea student friendship club from the Diplomatic Academy of the Ministry of Foreign Affairs")],
    },
    {
        "id": "friendship-club", "name": "Russia-North Korea student friendship club",
        "kind": "organization", "country": "RU",
        "aliases": ["student friendship club", "Diplomatic Academy friendship club"],
        "description": "A student club for Russia-North Korea friendship at the Diplomatic "
                       "Academy; its delegation was hosted by the Young Guard in 2023.",
        "evidence": [ev(P2P, "a delegation of the Russia-North Korea student friendship club from the Diplomatic Academy of the Ministry of Foreign Affairs")],
    },
    {
        "id": "united-russia", "name": "United Russia", "kind": "party", "country": "RU",
        "aliases": ["Edinaya Rossiya", "Единая Россия", "ЕР", "통합러시아", "통합러시아당"],
        "description": "Russia's ruling party; founded the Young Guard and signed a "
                       "cooperation protocol with the Workers' Party of Korea.",
        "evidence": [ev(P2P, "the ruling party in Russia, United Russia, signed a protocol to expand and enhance cooperation with the Workers' Party of Korea")],
    },
    {
        "id": "ygur", "name": "Young Guard of United Russia", "kind": "organization",
        "country": "RU",
        "aliases": ["YGUR", "Young Guard", "Molodaya Gvardiya", "Молодая гвардия Единой России",
                    "МГЕР", "Молодая гвардия", "청년근위대", "통합러시아 청년근위대"],
        "description": "Youth movement set up by United Russia; North Korea's main youth "
                       "partner in Russia and, per the article, a path to future party "
                       "leaders.",
        "evidence": [ev(P2P, "the Young Guard of United Russia (YGUR), a youth movement established by Russia's ruling party"),
                     ev(P2P, "Given the close connections between United Russia and the YGUR, leaders of this youth movement may become party members and hold positions in regional and federal administrative bodies.")],
    },
    {
        "id": "movement-of-the-first", "name": "Movement of the First", "kind": "organization",
        "country": "RU",
        "aliases": ["Movement of the Firsts", "Dvizhenie Pervykh", "Движение первых"],
        "description": "State-led Russian youth organisation that organised the first trip of "
                       "Russian schoolchildren to North Korea's Songdowon camp.",
        "evidence": [ev(P2P, "Another Russian state-led youth organization, Movement of the First, arranged the first trip to the North Korean summer camp Songdowon for schoolchildren from various Russian regions.")],
    },
    {
        "id": "rosaviatsia", "name": "Federal Agency for Air Transport", "kind": "organization",
        "country": "RU",
        "aliases": ["Rosaviatsia", "Росавиация", "Федеральное агентство воздушного транспорта",
                    "러시아 연방항공청"],
        "description": "Russia's civil aviation agency; proposed that Aeroflot and Aurora fly "
                       "to Pyongyang.",
        "evidence": [ev(P2P, "Russia's Federal Agency for Air Transport proposed Aeroflot and Aurora airlines open flights to Pyongyang to make the tours more attractive.")],
    },
    {
        "id": "aeroflot", "name": "Aeroflot", "kind": "company", "country": "RU",
        "aliases": ["Аэрофлот", "아에로플로트"],
        "description": "Russian airline proposed by the aviation agency as a carrier for "
                       "flights to Pyongyang.",
        "evidence": [ev(P2P, "Russia's Federal Agency for Air Transport proposed Aeroflot and Aurora airlines open flights to Pyongyang to make the tours more attractive.")],
    },
    {
        "id": "aurora", "name": "Aurora (airline)", "kind": "company", "country": "RU",
        "aliases": ["Aurora", "Aurora Airlines", "Аврора", "오로라 항공"],
        "description": "Russian airline proposed, with Aeroflot, as a carrier for flights to "
                       "Pyongyang.",
        "evidence": [ev(P2P, "Russia's Federal Agency for Air Transport proposed Aeroflot and Aurora airlines open flights to Pyongyang to make the tours more attractive.")],
    },
    {
        "id": "state-duma", "name": "State Duma", "kind": "organization", "country": "RU",
        "aliases": ["Duma", "Государственная дума", "Госдума", "국가두마", "러시아 하원"],
        "description": "Russia's lower house; some deputies suggested charters linking Moscow "
                       "or St. Petersburg with Vladivostok.",
        "evidence": [ev(P2P, "later members of the State Duma proposed charter flights from Moscow or St. Petersburg to Vladivostok.")],
    },
    {
        "id": "russian-railways", "name": "Russian Railways", "kind": "company",
        "country": "RU",
        "aliases": ["RZD", "Российские железные дороги", "РЖД", "러시아철도공사",
                    "러시아 철도"],
        "description": "Russian rail company that rebuilt the Khasan-Rajin railroad with "
                       "North Korea's railway ministry.",
        "evidence": [ev(P2P, "which was reconstructed from 2008 to 2013 by the Russian company Russian Railways and the North Korean Ministry of Railways")],
    },
    {
        "id": "russian-armed-forces", "name": "Russian armed forces", "kind": "organization",
        "country": "RU",
        "aliases": ["Russian forces", "Вооружённые силы Российской Федерации",
                    "ВС РФ", "러시아군"],
        "description": "The Russian forces that North Korean troops assisted in the Kursk "
                       "region.",
        "evidence": [ev(WON, "where they assisted Russian forces against Ukraine")],
    },
    {
        "id": "mariinsky-theatre", "name": "Mariinsky Theatre", "kind": "institution",
        "country": "RU",
        "aliases": ["Mariinsky", "Мариинский театр", "마린스키 극장"],
        "description": "Russian theatre whose Primorsky branch sent an art troupe to "
                       "Pyongyang in 2024.",
        "evidence": [ev(P2P, "an art troupe from the Primorsky branch of the Mariinsky Theatre performed in Pyongyang in 2024")],
    },
    {
        "id": "mariinsky-primorsky", "name": "Primorsky Stage of the Mariinsky Theatre",
        "kind": "institution", "country": "RU",
        "aliases": ["Mariinsky Theatre Primorsky branch", "Primorsky branch of the Mariinsky Theatre",
                    "Mariinsky Primorsky Stage", "Приморская сцена Мариинского театра",
                    "마린스키 극장 연해주 분관"],
        "description": "The Primorsky branch of the Mariinsky Theatre; its art troupe "
                       "performed in Pyongyang in 2024.",
        "evidence": [ev(P2P, "an art troupe from the Primorsky branch of the Mariinsky Theatre performed in Pyongyang in 2024")],
    },
    {
        "id": "vladivostok-travel-company", "name": "Vladivostok travel company (unnamed)",
        "kind": "company", "country": "RU",
        "aliases": ["Vladivostok-based travel company"],
        "description": "A travel firm based in Vladivostok, not named in the article, that "
                       "sold tours to North Korea and children's holidays at Songdowon in "
                       "summer 2025.",
        "evidence": [ev(P2P, "A Vladivostok-based travel company, which offered tours to North Korea, provided vacation packages for children to that camp in the summer of 2025.")],
    },
    # ---- universities ----
    {
        "id": "moscow-state-university", "name": "Moscow State University", "kind": "institution",
        "country": "RU",
        "aliases": ["MSU", "Lomonosov Moscow State University", "МГУ",
                    "Московский государственный университет", "모스크바국립대학교"],
        "description": "One of the leading Russian universities North Korean universities "
                       "sought closer ties with in 2023-2025.",
        "evidence": [ev(P2P, "including Moscow State University, Bauman Moscow State Technical University, Far Eastern Federal University, Novosibirsk State University, and Kazan Federal University")],
    },
    {
        "id": "bauman-mstu", "name": "Bauman Moscow State Technical University",
        "kind": "institution", "country": "RU",
        "aliases": ["Bauman MSTU", "BMSTU", "МГТУ им. Н. Э. Баумана", "Бауманка",
                    "바우만 모스크바 국립공과대학교"],
        "description": "Russian technical university among those North Korean universities "
                       "approached in 2023-2025.",
        "evidence": [ev(P2P, "including Moscow State University, Bauman Moscow State Technical University, Far Eastern Federal University, Novosibirsk State University, and Kazan Federal University")],
    },
    {
        "id": "fefu", "name": "Far Eastern Federal University", "kind": "institution",
        "country": "RU",
        "aliases": ["FEFU", "ДВФУ", "Дальневосточный федеральный университет",
                    "극동연방대학교", "극동연방대"],
        "description": "Russian university that hosted the first Russia-North Korea "
                       "University Presidents' Forum in May 2025, after similar forums with "
                       "China, South Korea and Japan.",
        "evidence": [ev(P2P, "the first Russia-North Korea University Presidents' Forum held at Far Eastern Federal University in May 2025"),
                     ev(P2P, "Previously, the university organized similar forums with other East Asian countries-China, South Korea, and Japan.")],
    },
    {
        "id": "novosibirsk-state-university", "name": "Novosibirsk State University",
        "kind": "institution", "country": "RU",
        "aliases": ["NSU", "НГУ", "Новосибирский государственный университет",
                    "노보시비르스크 국립대학교"],
        "description": "Russian university among those North Korean universities approached "
                       "in 2023-2025.",
        "evidence": [ev(P2P, "including Moscow State University, Bauman Moscow State Technical University, Far Eastern Federal University, Novosibirsk State University, and Kazan Federal University")],
    },
    {
        "id": "kazan-federal-university", "name": "Kazan Federal University",
        "kind": "institution", "country": "RU",
        "aliases": ["KFU", "Kazan University", "КФУ", "Казанский федеральный университет",
                    "카잔 연방대학교"],
        "description": "Russian university among those North Korean universities approached "
                       "in 2023-2025.",
        "evidence": [ev(P2P, "including Moscow State University, Bauman Moscow State Technical University, Far Eastern Federal University, Novosibirsk State University, and Kazan Federal University")],
    },
    {
        "id": "north-korean-universities", "name": "North Korean universities",
        "kind": "institution", "country": "KP",
        "aliases": ["North Korean universities (collectively)", "북한 대학", "вузы КНДР"],
        "description": "North Korea's universities taken together (none is named); their "
                       "representatives and heads courted Russian universities in 2023-2025.",
        "evidence": [ev(P2P, "From 2023 to 2025, representatives of North Korean universities have been working to build closer ties with prominent Russian universities")],
    },
    {
        "id": "university-presidents-forum", "name": "Russia-North Korea University Presidents' Forum",
        "kind": "event", "country": None,
        "aliases": ["University Presidents' Forum", "rectors' forum"],
        "description": "Forum of university heads of the two countries, first held at Far "
                       "Eastern Federal University in May 2025.",
        "evidence": [ev(P2P, "the first Russia-North Korea University Presidents' Forum held at Far Eastern Federal University in May 2025")],
    },
    # ---- North Korean bodies ----
    {
        "id": "wpk", "name": "Workers' Party of Korea", "kind": "party", "country": "KP",
        "aliases": ["WPK", "Korean Workers' Party", "조선로동당", "로동당",
                    "Трудовая партия Кореи", "ТПК"],
        "description": "North Korea's ruling party; signed a cooperation protocol with "
                       "United Russia.",
        "evidence": [ev(P2P, "signed a protocol to expand and enhance cooperation with the Workers' Party of Korea")],
    },
    {
        "id": "spyl", "name": "Socialist Patriotic Youth League", "kind": "organization",
        "country": "KP",
        "aliases": ["SPYL", "Youth League", "사회주의애국청년동맹", "청년동맹",
                    "Социалистический патриотический союз молодёжи"],
        "description": "North Korea's state youth league; joint events with the Young Guard in "
                       "2024 and a friendship agreement with it the year after.",
        "evidence": [ev(P2P, "the Socialist Patriotic Youth League met with the YGUR to participate in joint events in Vladivostok and Khabarovsk")],
    },
    {
        "id": "nk-ministry-of-education", "name": "Ministry of Education (North Korea)",
        "kind": "organization", "country": "KP",
        "aliases": ["North Korean Ministry of Education", "교육성", "Министерство образования КНДР"],
        "description": "North Korea's education ministry; its minister led a delegation to "
                       "Primorsky Krai and its deputy minister attended the 2025 university "
                       "forum.",
        "evidence": [ev(P2P, "a delegation led by its minister of education visiting Primorsky Krai"),
                     ev(P2P, "The North Korean Deputy Minister of Education and heads of ten top North Korean universities")],
    },
    {
        "id": "nk-ministry-of-railways", "name": "Ministry of Railways (North Korea)",
        "kind": "organization", "country": "KP",
        "aliases": ["North Korean Ministry of Railways", "철도성",
                    "Министерство железных дорог КНДР"],
        "description": "North Korea's railway ministry; partner of Russian Railways in "
                       "rebuilding the Khasan-Rajin line.",
        "evidence": [ev(P2P, "the Russian company Russian Railways and the North Korean Ministry of Railways")],
    },
    {
        "id": "nk-foreign-ministry", "name": "Ministry of Foreign Affairs (North Korea)",
        "kind": "organization", "country": "KP",
        "aliases": ["North Korean Foreign Ministry", "외무성", "МИД КНДР"],
        "description": "North Korea's foreign ministry, headed by Choe Son Hui.",
        "evidence": [ev(WON, "North Korean Foreign Minister Choe Son-hui")],
    },
    {
        "id": "korean-peoples-army", "name": "North Korean armed forces", "kind": "organization",
        "country": "KP",
        "aliases": ["North Korean troops", "Korean People's Army", "KPA", "조선인민군",
                    "Корейская народная армия"],
        "description": "North Korea's military; the articles speak of its troops, engineers "
                       "and construction workers sent to the Kursk region.",
        "evidence": [ev(WON, "He highlighted the deployment of North Korean troops to Russia's Kursk region")],
    },
    {
        "id": "air-koryo", "name": "Air Koryo", "kind": "company", "country": "KP",
        "aliases": ["고려항공", "Эйр Корё"],
        "description": "North Korea's airline; the only carrier on the Vladivostok-Pyongyang "
                       "route at the time of writing.",
        "evidence": [ev(P2P, "North Korea's Air Koryo remains the only carrier operating flights between Vladivostok and Pyongyang")],
    },
    {
        "id": "rasoncontrans", "name": "RasonConTrans", "kind": "company", "country": None,
        "aliases": ["RasonKonTrans", "Rason Con Trans", "Расонконтранс", "라선콘트란스",
                    "나선콘트란스"],
        "description": "The largest Russia-North Korea joint venture, run by the two countries "
                       "in Rason.",
        "evidence": [ev(P2P, "where Russia and North Korea operate their largest joint venture, RasonConTrans")],
    },
    # ---- places ----
    {
        "id": "primorsky-krai", "name": "Primorsky Krai", "kind": "place", "country": "RU",
        "aliases": ["Primorye", "Primorsky Territory", "Приморский край", "Приморье",
                    "연해주"],
        "description": "Russian region whose politicians, above all its governor, coordinated "
                       "many of the contacts with North Korea after 2023.",
        "evidence": [ev(P2P, "Regional Russian officials, particularly politicians from Primorsky Krai, have played a vital role in coordinating contacts")],
    },
    {
        "id": "vladivostok", "name": "Vladivostok", "kind": "place", "country": "RU",
        "aliases": ["Владивосток", "블라디보스토크", "블라디보스톡"],
        "description": "Russian Far East city: hub of flights and the tourist train to North "
                       "Korea, venue of youth events and of a North Korean product fair.",
        "evidence": [ev(P2P, "A product fair was already held in Vladivostok in 2024"),
                     ev(P2P, "resuming direct flights between Vladivostok and Pyongyang")],
    },
    {
        "id": "khabarovsk", "name": "Khabarovsk", "kind": "place", "country": "RU",
        "aliases": ["Хабаровск", "하바롭스크"],
        "description": "Russian Far East city where Russian and North Korean youth groups held "
                       "joint events in spring 2024.",
        "evidence": [ev(P2P, "to participate in joint events in Vladivostok and Khabarovsk")],
    },
    {
        "id": "moscow", "name": "Moscow", "kind": "place", "country": "RU",
        "aliases": ["Москва", "모스크바"],
        "description": "Russia's capital, also used by the articles as shorthand for the "
                       "Russian government; a proposed origin of charter flights.",
        "evidence": [ev(P2P, "charter flights from Moscow or St. Petersburg to Vladivostok."),
                     ev(WON, "the relationship between Pyongyang and Moscow")],
    },
    {
        "id": "st-petersburg", "name": "St. Petersburg", "kind": "place", "country": "RU",
        "aliases": ["Saint Petersburg", "Санкт-Петербург", "상트페테르부르크"],
        "description": "Russian city named as a possible origin of charter flights to "
                       "Vladivostok.",
        "evidence": [ev(P2P, "charter flights from Moscow or St. Petersburg to Vladivostok.")],
    },
    {
        "id": "russian-far-east", "name": "Russian Far East", "kind": "place", "country": "RU",
        "aliases": ["Far East", "Дальний Восток", "Дальний Восток России", "러시아 극동",
                    "극동"],
        "description": "Russia's Pacific region, the closest to North Korea; a source of "
                       "tourists and of regional partners for Pyongyang.",
        "evidence": [ev(P2P, "Strengthening ties with regional politicians from the Russian Far East will allow North Korea to build a network of connections needed to pursue its interests in the region.")],
    },
    {
        "id": "european-russia", "name": "European part of Russia", "kind": "place",
        "country": "RU",
        "aliases": ["Russia's western regions", "European Russia", "Европейская часть России",
                    "러시아 유럽 지역"],
        "description": "Where most Russians live; far from North Korea, so tours from there "
                       "are costly.",
        "evidence": [ev(P2P, "its accessibility for the majority of Russia's population, which is concentrated in the European part of the country, remains low")],
    },
    {
        "id": "khasan", "name": "Khasan", "kind": "place", "country": "RU",
        "aliases": ["Хасан", "하산"],
        "description": "Russian end of the Khasan-Rajin railroad and logistics project.",
        "evidence": [ev(P2P, "the railroad between Khasan and Rajin Port")],
    },
    {
        "id": "kursk-region", "name": "Kursk region", "kind": "place", "country": "RU",
        "aliases": ["Kursk Oblast", "Kursk", "Курская область", "쿠르스크주", "쿠르스크"],
        "description": "War-affected Russian region where North Korean troops were deployed.",
        "evidence": [ev(WON, "to aid Russia in the war-affected Kursk region")],
    },
    {
        "id": "vostochny-cosmodrome", "name": "Vostochny Cosmodrome", "kind": "place",
        "country": "RU",
        "aliases": ["Vostochny", "космодром Восточный", "Восточный", "보스토치니 우주기지"],
        "description": "Site of the Kim-Putin summit of September 2023.",
        "evidence": [ev(P2P, "the summit between Kim and Putin at Vostochny Cosmodrome in September 2023")],
    },
    {
        "id": "pyongyang", "name": "Pyongyang", "kind": "place", "country": "KP",
        "aliases": ["P'yŏngyang", "Пхеньян", "평양"],
        "description": "North Korea's capital, where the 2024 treaty was signed and where "
                       "Russian visitors from Putin to Shoigu were received; also shorthand "
                       "for its government.",
        "evidence": [ev(P2P, "This was Shoigu's second visit to Pyongyang in a month"),
                     ev(WON, "signed a Comprehensive Strategic Partnership Treaty in Pyongyang in June 2024")],
    },
    {
        "id": "wonsan", "name": "Wonsan", "kind": "place", "country": "KP",
        "aliases": ["Wŏnsan", "Вонсан", "원산"],
        "description": "North Korean coastal city with a new resort zone; venue of the July "
                       "2025 Choe-Lavrov talks and a target of Russian tourism.",
        "evidence": [ev(WON, "held the second round of strategic talks in the coastal city of Wonsan, North Korea"),
                     ev(WON, "a city that recently opened a new resort zone and has become a symbol of North Korea's efforts to attract Russian tourism and investment")],
    },
    {
        "id": "masikryong", "name": "Masikryong", "kind": "place", "country": "KP",
        "aliases": ["Masikryong Ski Resort", "Масикрён", "마식령", "마식령스키장"],
        "description": "North Korean resort on the route of the first post-COVID Russian "
                       "tourist group in February 2024.",
        "evidence": [ev(P2P, "The first group of travelers went to Pyongyang, Wonsan, and Masikryong in February 2024")],
    },
    {
        "id": "rason", "name": "Rason", "kind": "place", "country": "KP",
        "aliases": ["Rajin-Sonbong", "Rajin", "Rason City", "Расон", "Раджин-Сонбон", "라선",
                    "나선", "라진-선봉"],
        "description": "North Korean city closest to the Russian Far East; home of "
                       "RasonConTrans and end point of the Vladivostok tourist train.",
        "evidence": [ev(P2P, "The governor met with officials from Rason, the closest city to the Russian Far East")],
    },
    {
        "id": "rajin-port", "name": "Rajin Port", "kind": "place", "country": "KP",
        "aliases": ["Port of Rajin", "порт Раджин", "Раджин", "라진항", "나진항"],
        "description": "North Korean port at the end of the railroad rebuilt from Khasan.",
        "evidence": [ev(P2P, "the railroad between Khasan and Rajin Port")],
    },
    {
        "id": "songdowon", "name": "Songdowon children's camp", "kind": "place",
        "country": "KP",
        "aliases": ["Songdowon", "Songdowon camp", "Songdowon International Children's Camp",
                    "송도원국제소년단야영소", "송도원", "Сондовон", "лагерь Сондовон"],
        "description": "North Korean summer camp that received its first Russian "
                       "schoolchildren through the Movement of the First.",
        "evidence": [ev(P2P, "arranged the first trip to the North Korean summer camp Songdowon for schoolchildren from various Russian regions")],
    },
    {
        "id": "northeast-asia", "name": "Northeast Asia", "kind": "place", "country": None,
        "aliases": ["Северо-Восточная Азия", "동북아시아", "동북아"],
        "description": "The region whose balance of power the second article says the "
                       "alliance affects.",
        "evidence": [ev(WON, "the balance of power in Northeast Asia")],
    },
    # ---- named occasions ----
    {
        "id": "csp-treaty", "name": "Treaty on Comprehensive Strategic Partnership",
        "kind": "event", "country": None,
        "aliases": ["Comprehensive Strategic Partnership Treaty", "the Treaty",
                    "Договор о всеобъемлющем стратегическом партнёрстве",
                    "포괄적 전략적 동반자 관계에 관한 조약"],
        "description": "Russia-North Korea treaty signed in Pyongyang in June 2024, with a "
                       "mutual-support clause if either side is at war; modelled as a named "
                       "occasion so it can be searched.",
        "evidence": [ev(P2P, "expand it within the framework of the Treaty on Comprehensive Strategic Partnership"),
                     ev(WON, "The Comprehensive Strategic Partnership Treaty signed in June 2024 includes provisions for mutual support \"by all means\" if either country is at war")],
    },
    {
        "id": "intergovernmental-commission",
        "name": "Russia-North Korea Intergovernmental Commission on Trade-Economic and Scientific-Technical Cooperation",
        "kind": "organization", "country": None,
        "aliases": ["intergovernmental commission", "IGC", "Межправкомиссия",
                    "Межправительственная российско-корейская комиссия по торгово-экономическому и научно-техническому сотрудничеству",
                    "조로 정부간 무역, 경제 및 과학기술협조위원회", "북러 정부간위원회"],
        "description": "The bilateral body that usually develops joint projects; met in 2019, "
                       "paused during COVID-19 and resumed in 2023 and 2024.",
        "evidence": [ev(P2P, "Traditionally, joint projects are developed by the bilateral Russia-North Korea intergovernmental commission on trade-economic and scientific-technical cooperation.")],
    },
    {
        "id": "korean-war", "name": "Korean War", "kind": "event", "country": None,
        "aliases": ["Корейская война", "한국전쟁", "6·25 전쟁", "조국해방전쟁"],
        "description": "The war to which the second article dates the origins of the "
                       "alliance.",
        "evidence": [ev(WON, "North Korea and Russia have a long history of alliance, dating back to the Korean War.")],
    },
    {
        "id": "covid-19-pandemic", "name": "COVID-19 pandemic", "kind": "event", "country": None,
        "aliases": ["COVID-19", "pandemic", "пандемия COVID-19", "코로나19"],
        "description": "Closed North Korea's borders and halted the intergovernmental "
                       "commission; Russians were the first tourists after it.",
        "evidence": [ev(P2P, "did not convene during the COVID-19 pandemic"),
                     ev(P2P, "after it reopened its borders following the COVID-19 shutdown")],
    },
    {
        "id": "victory-day", "name": "Victory Day", "kind": "event", "country": "RU",
        "aliases": ["День Победы", "전승절"],
        "description": "The holiday the inaugural Vladivostok-Rason tourist train of May 2025 "
                       "commemorated.",
        "evidence": [ev(P2P, "A new tourist train made its inaugural journey, commemorating Victory Day, between Vladivostok and Rason in May 2025")],
    },
    {
        "id": "nk-famine", "name": "North Korean famine (1990s)", "kind": "event",
        "country": "KP",
        "aliases": ["the famine", "Arduous March", "고난의 행군", "голод в КНДР"],
        "description": "The famine during which, per the first article, ties with Russian "
                       "officials helped North Korea get food aid.",
        "evidence": [ev(P2P, "such as securing food aid during the famine")],
    },
]

# --------------------------------------------------------------------------------------------
# Events
# --------------------------------------------------------------------------------------------

NOTE_P2P = ("Not dated in the text: the source's own analysis, placed in 2025 by the article's "
            "latest reported events (May to summer 2025).")
NOTE_WON = ("Not dated in the text: the source's own analysis, placed in July 2025 by the "
            "July 12-13, 2025 visit the article reports.")
NOTE_2024_25 = ("Not dated in the text: the article reports it among developments after the "
                "February 2024 restart of tourism and before its May-summer 2025 events, so "
                "it is placed in 2024-2025.")
NOTE_JUNE17 = ("The article gives 'June 17' without a year; 2025 is inferred because the "
               "article already treats the June 2024 treaty and May 2025 events as past and "
               "calls the visit Shoigu's second to Pyongyang in a month.")
NOTE_LATE_1990S = ("The article says 'the late 1990s'; 1997-1999 is used to stand for that "
                   "span.")

EVENTS = [
    # ================================ background ================================
    {
        "id": "1950-korean-war-alliance", "date": "1950", "end_date": "1953",
        "date_inferred": True,
        "date_note": "The article gives no year, only 'dating back to the Korean War'; the "
                     "war's years (1950-1953) are supplied from general knowledge.",
        "title": "Alliance rooted in the Korean War",
        "summary": "The second article traces the North Korea-Russia alliance back to the "
                   "Korean War.",
        "type": "background", "sectors": ["military", "diplomacy"],
        "actors": [{"id": "north-korea"}, {"id": "russia"}, {"id": "korean-war"}],
        "evidence": [ev(WON, "North Korea and Russia have a long history of alliance, dating back to the Korean War.")],
    },
    {
        "id": "1990-russian-view-of-nk-as-impoverished", "date": "1990", "date_inferred": True,
        "date_note": "The article says 'since the 1990s'; the start of the decade is used.",
        "title": "Russians come to see North Korea as poor and oppressed",
        "summary": "Since the 1990s, when North Korea's economy collapsed, Russians have "
                   "mostly pictured it as an impoverished, repressive state, a picture kept "
                   "alive by the lack of reliable information.",
        "type": "background", "status": "ongoing", "sectors": ["culture", "media"],
        "actors": [{"id": "north-korea", "role": "perceived"}, {"id": "russia", "role": "public"}],
        "evidence": [ev(P2P, "who have historically perceived it as an impoverished country with a deprived population, oppressed by its government"),
                     ev(P2P, "This perception has been prevalent since the 1990s due to North Korea's economic hardships and has largely remained unchanged due to limited access to timely and reliable information.")],
    },
    {
        "id": "1997-nk-courts-russian-officials", "date": "1997", "end_date": "1999",
        "date_inferred": True, "date_note": NOTE_LATE_1990S,
        "title": "Late-1990s North Korean outreach to Russian officials and parties",
        "summary": "North Korea's leaders cultivated Russian officials at several levels of "
                   "government and in political parties, but in Russia's more fluid politics "
                   "they sometimes backed people without real power.",
        "type": "background", "sectors": ["politics", "diplomacy"],
        "actors": [{"id": "north-korea", "role": "initiator"}, {"id": "russia"}],
        "evidence": [ev(P2P, "A similar strategy was employed by North Korean leaders in the late 1990s, seeking to establish contacts with Russian officials at various government levels and political parties."),
                     ev(P2P, "However, Russian politics at that time was more competitive and fluid, meaning that North Korea sometimes backed figures who lacked real political power.")],
    },
    {
        "id": "1997-food-aid-and-labourers", "date": "1997", "end_date": "1999",
        "date_inferred": True, "date_note": NOTE_LATE_1990S,
        "title": "Contacts with Russia bring famine food aid and labour deals",
        "summary": "Links with Russian ministers and regional leaders helped North Korea "
                   "obtain food aid during its famine and send workers to Russia for profit.",
        "type": "background", "sectors": ["aid", "labour"],
        "actors": [{"id": "north-korea", "role": "beneficiary"}, {"id": "russia"},
                   {"id": "nk-famine"}],
        "evidence": [ev(P2P, "Developing ties with Russian ministers and regional authorities helped North Korea to solve some issues, such as securing food aid during the famine, and engage in economically profitable activities, like dispatching laborers.")],
    },
    {
        "id": "2008-khasan-rajin-railway-rebuilt", "date": "2008", "end_date": "2013",
        "title": "Khasan-Rajin railroad rebuilt",
        "summary": "Russian Railways and North Korea's railway ministry reconstructed the line "
                   "from Khasan to Rajin Port over 2008-2013; rail traffic on it has since "
                   "grown considerably.",
        "type": "background", "sectors": ["transport", "economy"],
        "actors": [{"id": "russian-railways", "role": "builder"},
                   {"id": "nk-ministry-of-railways", "role": "builder"}],
        "places": ["khasan", "rajin-port"],
        "evidence": [ev(P2P, "This could complement the railroad between Khasan and Rajin Port, which was reconstructed from 2008 to 2013 by the Russian company Russian Railways and the North Korean Ministry of Railways.")],
    },
    {
        "id": "2018-nk-proposes-road-bridge", "date": "2018",
        "title": "North Korea first proposes a road bridge to Russia",
        "summary": "North Korea suggested a cross-border road bridge to boost trade with the "
                   "Russian Far East.",
        "type": "background", "sectors": ["transport", "trade"],
        "actors": [{"id": "north-korea", "role": "proposer"}, {"id": "russia"}],
        "places": ["russian-far-east"],
        "evidence": [ev(P2P, "North Korea first proposed building a road bridge in 2018 to enhance trade with the Russian Far East.")],
    },
    {
        "id": "2019-putin-kim-summit", "date": "2019",
        "title": "Putin-Kim summit of 2019",
        "summary": "Putin and Kim Jong Un held a summit in 2019; youth groups marked its fifth "
                   "anniversary in 2024.",
        "type": "background", "sectors": ["diplomacy"],
        "actors": [{"id": "vladimir-putin"}, {"id": "kim-jong-un"}],
        "evidence": [ev(P2P, "commemorating the fifth anniversary of the summit between Putin and Kim Jong Un in 2019")],
    },
    {
        "id": "2019-commission-meeting", "date": "2019",
        "title": "Intergovernmental commission meets, last time before COVID-19",
        "summary": "The bilateral trade and science commission held a session in 2019.",
        "type": "background", "sectors": ["economy", "science"],
        "actors": [{"id": "intergovernmental-commission"}],
        "evidence": [ev(P2P, "The commission, having held a meeting in 2019, did not convene during the COVID-19 pandemic")],
    },
    {
        "id": "2019-commission-pause", "date": "2019", "end_date": "2023",
        "date_inferred": True,
        "date_note": "The article says only that the commission did not meet during the "
                     "pandemic, between its 2019 session and its 2023 resumption.",
        "title": "Commission does not meet during the pandemic",
        "summary": "Between its 2019 session and 2023 the commission did not convene because "
                   "of COVID-19.",
        "type": "background", "sectors": ["economy"],
        "actors": [{"id": "intergovernmental-commission"}, {"id": "covid-19-pandemic"}],
        "evidence": [ev(P2P, "The commission, having held a meeting in 2019, did not convene during the COVID-19 pandemic")],
    },
    # ================================ 2023 ================================
    {
        "id": "2023-commission-resumes", "date": "2023", "end_date": "2024",
        "title": "Intergovernmental commission resumes work",
        "summary": "After the pandemic pause the commission met again in 2023 and in 2024.",
        "sectors": ["economy", "diplomacy"],
        "actors": [{"id": "intergovernmental-commission"}, {"id": "russia"}, {"id": "north-korea"}],
        "evidence": [ev(P2P, "but finally resumed its work in 2023 and 2024")],
    },
    {
        "id": "2023-09-vostochny-summit", "date": "2023-09",
        "title": "Kim and Putin meet at Vostochny Cosmodrome",
        "summary": "Kim Jong Un and Putin held a summit at the Vostochny Cosmodrome that set "
                   "plans later carried out largely through Primorsky Krai officials.",
        "sectors": ["diplomacy"],
        "actors": [{"id": "kim-jong-un", "role": "visitor"}, {"id": "vladimir-putin", "role": "host"}],
        "places": ["vostochny-cosmodrome"],
        "evidence": [ev(P2P, "implementing plans set during the summit between Kim and Putin at Vostochny Cosmodrome in September 2023")],
    },
    {
        "id": "2023-10-commission-meeting", "date": "2023-10", "date_inferred": True,
        "date_note": "The article places it 'the following month' after the September 2023 "
                     "Vostochny summit.",
        "title": "Intergovernmental commission meets after the summit",
        "summary": "A session of the North Korea-Russia intergovernmental commission "
                   "followed the Vostochny summit and set further plans.",
        "sectors": ["economy", "diplomacy"],
        "actors": [{"id": "intergovernmental-commission"}],
        "evidence": [ev(P2P, "as well as at a North Korea-Russia intergovernmental commission meeting the following month")],
    },
    {
        "id": "2023-ygur-hosts-friendship-club", "date": "2023",
        "title": "Young Guard hosts Diplomatic Academy's Russia-North Korea club",
        "summary": "The first official youth contacts: United Russia's youth wing received a "
                   "delegation of the student friendship club of the Foreign Ministry's "
                   "Diplomatic Academy.",
        "sectors": ["youth"],
        "actors": [{"id": "ygur", "role": "host"}, {"id": "friendship-club", "role": "guest"},
                   {"id": "diplomatic-academy"}],
        "evidence": [ev(P2P, "The first official contacts were established in 2023, when the Young Guard of United Russia (YGUR), a youth movement established by Russia's ruling party, hosted a delegation of the Russia-North Korea student friendship club from the Diplomatic Academy of the Ministry of Foreign Affairs.")],
    },
    {
        "id": "2023-12-kozhemyako-pyongyang-visit", "date": "2023-12", "date_inferred": True,
        "date_note": "The article says 'December that year', referring to 2023, the year of "
                     "the Vostochny summit.",
        "title": "Primorsky governor Kozhemyako leads delegation to Pyongyang",
        "summary": "Kozhemyako's delegation discussed restoring direct Vladivostok-Pyongyang "
                   "flights and setting up rail and road links; the governor also met "
                   "officials from Rason, home of the RasonConTrans joint venture.",
        "sectors": ["transport", "diplomacy"],
        "actors": [{"id": "oleg-kozhemyako", "role": "delegation head"},
                   {"id": "primorsky-krai"}, {"id": "north-korea", "role": "host"},
                   {"id": "rason", "role": "its officials met the governor"}],
        "places": ["pyongyang", "vladivostok"],
        "evidence": [ev(P2P, "A delegation led by the governor of Primorsky Krai, Oleg Kozhemyako, visited Pyongyang in December that year to discuss resuming direct flights between Vladivostok and Pyongyang, as well as steps to establish rail and road transportation."),
                     ev(P2P, "The governor met with officials from Rason, the closest city to the Russian Far East, where Russia and North Korea operate their largest joint venture, RasonConTrans.")],
    },
    {
        "id": "2023-nk-universities-court-russian-universities", "date": "2023",
        "end_date": "2025",
        "title": "North Korean universities build ties with leading Russian universities",
        "summary": "Over 2023-2025 North Korean university representatives worked on closer "
                   "links with five major Russian universities.",
        "status": "ongoing", "sectors": ["education"],
        "actors": [{"id": "north-korean-universities", "role": "initiator"},
                   {"id": "moscow-state-university"}, {"id": "bauman-mstu"}, {"id": "fefu"},
                   {"id": "novosibirsk-state-university"}, {"id": "kazan-federal-university"}],
        "evidence": [ev(P2P, "From 2023 to 2025, representatives of North Korean universities have been working to build closer ties with prominent Russian universities, including Moscow State University, Bauman Moscow State Technical University, Far Eastern Federal University, Novosibirsk State University, and Kazan Federal University.")],
    },
    # ================================ 2024 ================================
    {
        "id": "2024-02-first-russian-tourists", "date": "2024-02",
        "title": "First post-COVID tourist group: Russians to Pyongyang, Wonsan, Masikryong",
        "summary": "Russians were the first foreign tourists after North Korea reopened; the "
                   "first group toured three destinations, starting a tourism revival.",
        "sectors": ["tourism"],
        "actors": [{"id": "russia", "role": "tourists' country"}, {"id": "north-korea", "role": "host"},
                   {"id": "covid-19-pandemic"}],
        "places": ["pyongyang", "wonsan", "masikryong"],
        "evidence": [ev(P2P, "Russian tourists were the first to visit North Korea after it reopened its borders following the COVID-19 shutdown."),
                     ev(P2P, "The first group of travelers went to Pyongyang, Wonsan, and Masikryong in February 2024, marking the beginning of a tourism revival.")],
    },
    {
        "id": "2024-03-kozhemyako-second-visit", "date": "2024-03",
        "title": "Kozhemyako returns to Pyongyang with culture, sport and education team",
        "summary": "The Primorsky governor's second trip brought representatives of the "
                   "cultural, sports and education sectors.",
        "sectors": ["culture", "sport", "education"],
        "actors": [{"id": "oleg-kozhemyako", "role": "delegation head"},
                   {"id": "primorsky-krai"}, {"id": "north-korea", "role": "host"}],
        "places": ["pyongyang"],
        "evidence": [ev(P2P, "Kozhemyako made another visit to Pyongyang in March 2024, bringing a delegation of representatives from cultural, sports, and educational sectors.")],
    },
    {
        "id": "2024-nk-education-minister-in-primorsky", "date": "2024", "date_inferred": True,
        "date_note": "The article says North Korea 'soon reciprocated' the March 2024 visit, "
                     "so the trip is placed in 2024.",
        "title": "North Korean education minister's delegation visits Primorsky Krai",
        "summary": "North Korea returned the governor's visit with a delegation headed by its "
                   "education minister, which discussed a larger quota of North Korean "
                   "students and swapping language teachers.",
        "sectors": ["education", "diplomacy"],
        "actors": [{"id": "nk-ministry-of-education", "role": "delegation head"},
                   {"id": "primorsky-krai", "role": "host"}],
        "places": ["primorsky-krai"],
        "evidence": [ev(P2P, "North Korea soon reciprocated this gesture with a delegation led by its minister of education visiting Primorsky Krai to discuss increasing the student quota from North Korea and exchanges of language teachers.")],
    },
    {
        "id": "2024-mariinsky-primorsky-in-pyongyang", "date": "2024",
        "title": "Mariinsky Primorsky Stage troupe performs in Pyongyang",
        "summary": "An art troupe of the Mariinsky Theatre's Primorsky branch gave "
                   "performances in Pyongyang, one of many initiatives aimed at people-to-"
                   "people contact.",
        "sectors": ["culture"],
        "actors": [{"id": "mariinsky-primorsky", "role": "performer"},
                   {"id": "mariinsky-theatre"}, {"id": "north-korea", "role": "host"}],
        "places": ["pyongyang"],
        "evidence": [ev(P2P, "Most of the bilateral initiatives were aimed at expanding people-to-people contacts: an art troupe from the Primorsky branch of the Mariinsky Theatre performed in Pyongyang in 2024")],
    },
    {
        "id": "2024-nk-athletes-visit-russia", "date": "2024", "date_inferred": True,
        "date_note": "The article says the athletes' visits 'followed' the 2024 Mariinsky "
                     "tour, so they are placed in 2024.",
        "title": "North Korean athletes visit Russia",
        "summary": "After the theatre tour, North Korean sportspeople travelled to Russia.",
        "sectors": ["sport"],
        "actors": [{"id": "north-korea", "role": "visitor"}, {"id": "russia", "role": "host"}],
        "evidence": [ev(P2P, "followed by visits from North Korean athletes to Russia")],
    },
    {
        "id": "2024-russian-tourist-groups", "date": "2024",
        "title": "More than ten Russian tourist groups visit North Korea",
        "summary": "Over ten groups of Russian tourists went to North Korea in 2024; more were "
                   "expected, and tourism became a priority of civilian cooperation.",
        "sectors": ["tourism"],
        "actors": [{"id": "russia"}, {"id": "north-korea", "role": "host"}],
        "figures": [{"value": 10, "unit": "tourist groups",
                     "counts": "Russian tourist groups that visited North Korea in 2024 (over 10)",
                     "approx": True}],
        "evidence": [ev(P2P, "Over 10 Russian tourist groups visited North Korea that year, with expectations of increasing tourist numbers, making tourism one of the priority areas for civilian cooperation.")],
    },
    {
        "id": "2024-about-1500-russian-tourists", "date": "2024",
        "title": "Only about 1,500 Russian tourists visit North Korea in 2024",
        "summary": "Poor transport links, limits on independent travel and competition from "
                   "better-known destinations kept Russian arrivals to roughly 1,500 for the "
                   "year.",
        "sectors": ["tourism", "transport"],
        "actors": [{"id": "russia"}, {"id": "north-korea", "role": "host"}],
        "figures": [{"value": 1500, "unit": "tourists",
                     "counts": "Russian tourists who visited North Korea in 2024",
                     "approx": True}],
        "evidence": [ev(P2P, "However, due to weak transportation links, restrictions on independent travel to North Korea, and the presence of more familiar and popular destinations, only about 1,500 Russian tourists visited that year.")],
    },
    {
        "id": "2024-youth-leagues-joint-events", "date": "2024",
        "title": "Youth League and Young Guard hold joint events in the Russian Far East",
        "summary": "In spring 2024 North Korea's Socialist Patriotic Youth League joined the "
                   "Young Guard for events in Vladivostok and Khabarovsk marking five years "
                   "since the 2019 Putin-Kim summit, raising youth exchanges to a higher "
                   "level.",
        "sectors": ["youth"],
        "actors": [{"id": "spyl", "role": "participant"}, {"id": "ygur", "role": "partner"},
                   {"id": "vladimir-putin", "role": "commemorated"},
                   {"id": "kim-jong-un", "role": "commemorated"}],
        "places": ["vladivostok", "khabarovsk"],
        "figures": [{"value": 5, "unit": "years",
                     "counts": "anniversary of the 2019 Putin-Kim summit that was marked (fifth)"}],
        "evidence": [ev(P2P, "Exchanges moved to the higher level in spring 2024, as the Socialist Patriotic Youth League met with the YGUR to participate in joint events in Vladivostok and Khabarovsk, commemorating the fifth anniversary of the summit between Putin and Kim Jong Un in 2019.")],
    },
    {
        "id": "2024-road-bridge-construction", "date": "2024",
        "title": "Construction of the cross-border road bridge begins",
        "summary": "Building of a road bridge between the two countries began in spring 2024, "
                   "the main step to improve transport infrastructure between them.",
        "status": "under_construction", "sectors": ["transport", "trade"],
        "actors": [{"id": "russia"}, {"id": "north-korea"}],
        "evidence": [ev(P2P, "One major development aimed at improving transport infrastructure between the countries was the start of road bridge construction in spring 2024, set to be completed in 2026.")],
    },
    {
        "id": "2024-vladivostok-nk-product-fair", "date": "2024",
        "title": "North Korean product fair in Vladivostok",
        "summary": "A fair showed North Korean food, cosmetics, clothes, musical instruments "
                   "and art; visitors were curious but found prices rather high.",
        "sectors": ["trade"],
        "actors": [{"id": "north-korea", "role": "exhibitor"}],
        "places": ["vladivostok"],
        "evidence": [ev(P2P, "A product fair was already held in Vladivostok in 2024, showcasing North Korean foods, cosmetics, clothing, musical instruments, and art items."),
                     ev(P2P, "While local consumers were intrigued by the exhibition, some noted that prices were relatively high.")],
    },
    {
        "id": "2024-180-nk-students-in-russia", "date": "2024",
        "title": "Only 180 North Korean students at Russian universities in 2024",
        "summary": "Academic exchange was still small in 2024, with 180 North Korean "
                   "students in Russia, though both sides wanted to expand it.",
        "sectors": ["education"],
        "actors": [{"id": "north-korea"}, {"id": "russia"}],
        "figures": [{"value": 180, "unit": "students",
                     "counts": "North Korean students enrolled in Russian universities in 2024"}],
        "evidence": [ev(P2P, "While academic exchanges with North Korea in 2024 were still marginal, and the number of North Korean students enrolled in Russian universities was only 180, both countries demonstrated interest in expanding cooperation in this field.")],
    },
    {
        "id": "2024-06-putin-visit-treaty", "date": "2024-06",
        "title": "Putin visits Pyongyang; Comprehensive Strategic Partnership Treaty signed",
        "summary": "On a visit to Pyongyang Putin and Kim Jong Un signed the Comprehensive "
                   "Strategic Partnership Treaty, which pledges mutual support 'by all means' "
                   "if either side is at war and frames later cooperation.",
        "sectors": ["diplomacy", "military", "politics"],
        "actors": [{"id": "vladimir-putin", "role": "visitor, signatory"},
                   {"id": "kim-jong-un", "role": "host, signatory"},
                   {"id": "csp-treaty"}, {"id": "russia"}, {"id": "north-korea"}],
        "places": ["pyongyang"],
        "evidence": [ev(P2P, "During his visit to Pyongyang in June 2024, when the Treaty was signed"),
                     ev(WON, "Russian President Vladimir Putin and North Korean leader Kim Jong-un signed a Comprehensive Strategic Partnership Treaty in Pyongyang in June 2024."),
                     ev(WON, "The Comprehensive Strategic Partnership Treaty signed in June 2024 includes provisions for mutual support \"by all means\" if either country is at war, formalizing a defense pact that extends beyond diplomatic rhetoric.")],
    },
    {
        "id": "2024-06-putin-cites-progress", "date": "2024-06",
        "title": "Putin lists areas of progress during his Pyongyang visit",
        "summary": "Putin praised progress in commerce, Khasan-Rajin logistics, schooling, "
                   "farming, tourism and sport.",
        "type": "statement", "sectors": ["trade", "transport", "economy"],
        "actors": [{"id": "vladimir-putin", "role": "speaker"}],
        "places": ["pyongyang", "khasan", "rajin-port"],
        "evidence": [ev(P2P, "Russian President Vladimir Putin mentioned positive developments in bilateral trade, the Khasan-Rajin logistics project, education, agriculture, tourism, and sports.")],
    },
    {
        "id": "2024-nk-troops-to-kursk", "date": "2024", "end_date": "2025",
        "date_inferred": True,
        "date_note": "Not dated in the article: placed after the June 2024 treaty that "
                     "formalised mutual support and before the July 2025 talks, where it is "
                     "spoken of as done.",
        "title": "North Korean troops deployed to Russia's Kursk region",
        "summary": "North Korea sent thousands of soldiers, military engineers and "
                   "construction workers to help Russia in the Kursk region; both sides call "
                   "it a historic event.",
        "sectors": ["military"],
        "actors": [{"id": "north-korea", "role": "sender"}, {"id": "korean-peoples-army"},
                   {"id": "russia", "role": "recipient"}, {"id": "russian-armed-forces"},
                   {"id": "ukraine", "role": "opponent"}],
        "places": ["kursk-region"],
        "figures": [{"value": 1000, "unit": "troops",
                     "counts": "North Korean troops sent to the Kursk region, given only as "
                               "'thousands' (lower bound)", "approx": True}],
        "evidence": [ev(WON, "North Korea has already sent thousands of troops, including military engineers and construction workers, to aid Russia in the war-affected Kursk region, which both sides have described as a \"historic event\" and a new era of cooperation."),
                     ev(WON, "He highlighted the deployment of North Korean troops to Russia's Kursk region, where they assisted Russian forces against Ukraine")],
    },
    {
        "id": "2024-nk-suspends-rason-tours", "date": "2024", "end_date": "2025",
        "date_inferred": True, "date_note": NOTE_2024_25,
        "title": "North Korea halts foreign tours to Rason but spares Russian ones",
        "summary": "After negative feedback North Korea stopped foreign tours in Rason, "
                   "except those from Russia.",
        "sectors": ["tourism"],
        "actors": [{"id": "north-korea", "role": "decision maker"}, {"id": "russia"}],
        "places": ["rason"],
        "evidence": [ev(P2P, "Previously, North Korea suspended foreign tours in Rason following negative feedback, but did not cancel tours from Russia.")],
    },
    {
        "id": "2024-vladivostok-wonsan-flights-announced", "date": "2024", "end_date": "2025",
        "date_inferred": True, "date_note": NOTE_2024_25,
        "title": "Vladivostok-Wonsan flights reportedly announced",
        "summary": "The two countries were reported to have announced flights between "
                   "Vladivostok and Wonsan.",
        "status": "announced", "sectors": ["transport", "tourism"],
        "actors": [{"id": "russia"}, {"id": "north-korea"}],
        "places": ["vladivostok", "wonsan"],
        "evidence": [ev(P2P, "Additionally, it was reported that the countries announced the opening of flights between Vladivostok and Wonsan")],
    },
    {
        "id": "2024-sea-ferry-considered", "date": "2024", "end_date": "2025",
        "date_inferred": True, "date_note": NOTE_2024_25,
        "title": "Sea ferry for Russian tourists to Wonsan considered",
        "summary": "The countries reportedly weighed a ferry carrying Russian tourists "
                   "straight to the Wonsan seaside resort.",
        "status": "proposed", "sectors": ["transport", "tourism"],
        "actors": [{"id": "russia"}, {"id": "north-korea"}],
        "places": ["wonsan"],
        "evidence": [ev(P2P, "considered launching a sea ferry service that would transport Russian tourists directly to the seaside resort")],
    },
    {
        "id": "2024-rosaviatsia-proposes-pyongyang-flights", "date": "2024", "end_date": "2025",
        "date_inferred": True, "date_note": NOTE_2024_25,
        "title": "Aviation agency proposes Aeroflot and Aurora flights to Pyongyang",
        "summary": "To make tours more attractive, Russia's aviation agency suggested that "
                   "two Russian airlines start flights to Pyongyang.",
        "status": "proposed", "sectors": ["transport", "tourism"],
        "actors": [{"id": "rosaviatsia", "role": "proposer"}, {"id": "aeroflot"},
                   {"id": "aurora"}],
        "places": ["pyongyang"],
        "evidence": [ev(P2P, "Russia's Federal Agency for Air Transport proposed Aeroflot and Aurora airlines open flights to Pyongyang to make the tours more attractive.")],
    },
    {
        "id": "2023-commission-11th-meeting-charters", "date": "2023", "end_date": "2024",
        "date_inferred": True,
        "date_note": "The article does not date the 11th meeting; it says the commission met "
                     "in 2023 and 2024, so the meeting is placed in that span.",
        "title": "11th commission meeting agrees on more charter flights",
        "summary": "At the commission's 11th session officials agreed to increase charter "
                   "flights between the countries.",
        "status": "agreed", "sectors": ["transport", "tourism", "economy"],
        "actors": [{"id": "intergovernmental-commission"}],
        "figures": [{"value": 11, "unit": "session",
                     "counts": "ordinal number of the commission meeting (11th)"}],
        "evidence": [ev(P2P, "At the 11th North Korea-Russian intergovernmental commission meeting, officials agreed to increase charter flights")],
    },
    {
        "id": "2024-duma-members-propose-charters", "date": "2024", "end_date": "2025",
        "date_inferred": True,
        "date_note": "Not dated: the article says 'later', after the 11th commission "
                     "meeting (2023-2024) and before its 2025 writing.",
        "title": "Duma members propose charters from Moscow and St. Petersburg",
        "summary": "Some State Duma deputies suggested charter flights to Vladivostok from "
                   "Moscow or St. Petersburg to bring tourists closer to North Korea.",
        "status": "proposed", "sectors": ["transport", "tourism"],
        "actors": [{"id": "state-duma", "role": "proposer"}],
        "places": ["moscow", "st-petersburg", "vladivostok"],
        "evidence": [ev(P2P, "later members of the State Duma proposed charter flights from Moscow or St. Petersburg to Vladivostok.")],
    },
    # ================================ 2025 ================================
    {
        "id": "2025-united-russia-wpk-protocol", "date": "2025", "date_inferred": True,
        "date_note": "The article places it 'shortly' before the youth agreement of 'the "
                     "following year' after spring 2024, so 2025.",
        "title": "United Russia and the Workers' Party of Korea sign cooperation protocol",
        "summary": "Russia's ruling party signed a protocol with North Korea's ruling party to "
                   "widen and deepen their cooperation.",
        "sectors": ["politics"],
        "actors": [{"id": "united-russia", "role": "signatory"}, {"id": "wpk", "role": "signatory"}],
        "evidence": [ev(P2P, "This occurred shortly after the ruling party in Russia, United Russia, signed a protocol to expand and enhance cooperation with the Workers' Party of Korea.")],
    },
    {
        "id": "2025-youth-leagues-friendship-agreement", "date": "2025", "date_inferred": True,
        "date_note": "The article says 'the following year' after the spring 2024 joint "
                     "events, so 2025.",
        "title": "Young Guard and Youth League sign friendship agreement in Pyongyang",
        "summary": "The two youth organisations signed a friendship and cooperation agreement "
                   "at a meeting in Pyongyang, giving their ties a legal basis.",
        "sectors": ["youth", "politics"],
        "actors": [{"id": "ygur", "role": "signatory"}, {"id": "spyl", "role": "signatory"}],
        "places": ["pyongyang"],
        "evidence": [ev(P2P, "The following year, the two youth organizations signed an agreement on friendship and cooperation during a meeting in Pyongyang, establishing a legal foundation for future collaboration.")],
    },
    {
        "id": "2025-05-university-presidents-forum", "date": "2025-05",
        "title": "First Russia-North Korea University Presidents' Forum at FEFU",
        "summary": "North Korea's deputy education minister and the heads of ten leading "
                   "North Korean universities attended the first such forum, held at Far "
                   "Eastern Federal University.",
        "sectors": ["education"],
        "actors": [{"id": "fefu", "role": "host"},
                   {"id": "nk-ministry-of-education", "role": "delegation (deputy minister)"},
                   {"id": "north-korean-universities", "role": "participant"},
                   {"id": "university-presidents-forum"}],
        "figures": [{"value": 10, "unit": "university heads",
                     "counts": "heads of top North Korean universities at the forum"}],
        "evidence": [ev(P2P, "The North Korean Deputy Minister of Education and heads of ten top North Korean universities participated in the first Russia-North Korea University Presidents' Forum held at Far Eastern Federal University in May 2025.")],
    },
    {
        "id": "2025-05-vladivostok-rason-tourist-train", "date": "2025-05",
        "title": "Inaugural Vladivostok-Rason tourist train",
        "summary": "A new tourist train made its first run between Vladivostok and Rason, "
                   "timed for Victory Day, opening a new route.",
        "sectors": ["tourism", "transport"],
        "actors": [{"id": "russia"}, {"id": "north-korea"}, {"id": "victory-day"}],
        "places": ["vladivostok", "rason"],
        "evidence": [ev(P2P, "A new tourist train made its inaugural journey, commemorating Victory Day, between Vladivostok and Rason in May 2025, establishing a new travel route.")],
    },
    {
        "id": "2025-movement-of-the-first-songdowon-trip", "date": "2025", "date_inferred": True,
        "date_note": "Not dated in the article; placed in 2025 with the summer-2025 children's "
                     "holidays at the same camp reported in the next sentence.",
        "title": "Movement of the First sends Russian schoolchildren to Songdowon",
        "summary": "The state youth movement organised the first trip of Russian "
                   "schoolchildren from several regions to North Korea's Songdowon camp.",
        "sectors": ["youth"],
        "actors": [{"id": "movement-of-the-first", "role": "organiser"},
                   {"id": "north-korea", "role": "host"}],
        "places": ["songdowon"],
        "evidence": [ev(P2P, "Another Russian state-led youth organization, Movement of the First, arranged the first trip to the North Korean summer camp Songdowon for schoolchildren from various Russian regions.")],
    },
    {
        "id": "2025-vladivostok-firm-songdowon-packages", "date": "2025",
        "title": "Vladivostok travel firm sells children's holidays at Songdowon",
        "summary": "In summer 2025 a Vladivostok tour operator offered holiday packages for "
                   "children at the Songdowon camp.",
        "sectors": ["tourism", "youth"],
        "actors": [{"id": "vladivostok-travel-company", "role": "tour operator"}],
        "places": ["songdowon", "vladivostok"],
        "evidence": [ev(P2P, "A Vladivostok-based travel company, which offered tours to North Korea, provided vacation packages for children to that camp in the summer of 2025.")],
    },
    {
        "id": "2025-05-shoigu-first-pyongyang-visit", "date": "2025-05", "end_date": "2025-06",
        "date_inferred": True,
        "date_note": "The article calls the June 17 visit Shoigu's 'second visit to Pyongyang "
                     "in a month', so an earlier visit fell within the month before it "
                     "(year inferred as for June 17, 2025).",
        "title": "Shoigu's earlier visit to Pyongyang",
        "summary": "Shoigu had already been to Pyongyang once within the month before his "
                   "June 17 meeting with Kim Jong Un.",
        "sectors": ["diplomacy", "security"],
        "actors": [{"id": "sergei-shoigu", "role": "visitor"}, {"id": "north-korea", "role": "host"}],
        "places": ["pyongyang"],
        "evidence": [ev(P2P, "This was Shoigu's second visit to Pyongyang in a month")],
    },
    {
        "id": "2025-06-17-shoigu-meets-kim", "date": "2025-06-17", "date_inferred": True,
        "date_note": NOTE_JUNE17,
        "title": "Shoigu meets Kim Jong Un in Pyongyang",
        "summary": "The Russian Security Council secretary met Kim Jong Un on his second trip "
                   "to Pyongyang within a month, a sign that both want to take cooperation "
                   "under the treaty further.",
        "sectors": ["diplomacy", "security"],
        "actors": [{"id": "sergei-shoigu", "role": "visitor"}, {"id": "kim-jong-un", "role": "host"},
                   {"id": "russian-security-council"}],
        "places": ["pyongyang"],
        "figures": [{"value": 2, "unit": "visits",
                     "counts": "Shoigu's visits to Pyongyang within one month"}],
        "evidence": [ev(P2P, "At the meeting with Kim Jong Un on June 17, Sergei Shoigu, the Secretary of the Russian Security Council, noted that the partnership between Russia and North Korea"),
                     ev(P2P, "This was Shoigu's second visit to Pyongyang in a month, indicating that the countries are planning to elevate their cooperation beyond the current level and expand it within the framework of the Treaty on Comprehensive Strategic Partnership.")],
    },
    {
        "id": "2025-06-17-shoigu-practical-action", "date": "2025-06-17", "date_inferred": True,
        "date_note": NOTE_JUNE17,
        "title": "Shoigu: the partnership is real, not just on paper",
        "summary": "Shoigu told Kim Jong Un that the Russia-North Korea partnership is being "
                   "put into practice, not merely written down.",
        "type": "statement", "sectors": ["diplomacy"],
        "actors": [{"id": "sergei-shoigu", "role": "speaker"}, {"id": "kim-jong-un", "role": "addressee"}],
        "places": ["pyongyang"],
        "evidence": [ev(P2P, "noted that the partnership between Russia and North Korea \"is being carried out not just on paper, but through practical action.\"")],
    },
    {
        "id": "2025-nk-prepares-tourist-facilities", "date": "2025", "date_inferred": True,
        "date_note": NOTE_P2P,
        "title": "North Korea readies facilities while both improve transport links",
        "summary": "North Korea keeps preparing facilities for new tourists, and the two "
                   "countries are working on better transport connections.",
        "status": "ongoing", "sectors": ["tourism", "transport"],
        "actors": [{"id": "north-korea"}, {"id": "russia"}],
        "evidence": [ev(P2P, "Still, North Korea has been preparing its facilities for new tourists, while both countries work on improving transport connectivity.")],
    },
    {
        "id": "2025-air-koryo-sole-carrier", "date": "2025", "date_inferred": True,
        "date_note": "Stated 'as of yet', i.e. at the time of writing (2025, going by the "
                     "article's latest events).",
        "title": "Air Koryo still the only airline on Vladivostok-Pyongyang; no new flights",
        "summary": "Despite the proposals, only North Korea's Air Koryo flies between "
                   "Vladivostok and Pyongyang and no new routes have opened.",
        "status": "ongoing", "sectors": ["transport", "tourism"],
        "actors": [{"id": "air-koryo", "role": "carrier"}],
        "places": ["vladivostok", "pyongyang"],
        "evidence": [ev(P2P, "However, as of yet, North Korea's Air Koryo remains the only carrier operating flights between Vladivostok and Pyongyang, and no new flights have been introduced.")],
    },
    {
        "id": "2025-russia-develops-domestic-tourism", "date": "2025", "date_inferred": True,
        "date_note": "Described as 'recently' in an article whose latest events are from 2025.",
        "title": "Russia promotes domestic tourism to the Far East",
        "summary": "Russia has been pushing domestic tourism, including more travel to the Far "
                   "East; cheaper Far East trips would also make North Korea tours cheaper.",
        "status": "ongoing", "sectors": ["tourism"],
        "actors": [{"id": "russia"}],
        "places": ["russian-far-east"],
        "evidence": [ev(P2P, "Recently, Russia has been developing domestic tourism, including initiatives to increase tourist flows to the Far East, which can have a positive effect on tours to North Korea as well: if travel costs to the Far East decrease, then visiting North Korea will become less expensive.")],
    },
    {
        "id": "2026-road-bridge-completion", "date": "2026",
        "title": "Road bridge due for completion, with a ten-lane checkpoint",
        "summary": "The road bridge begun in 2024 is scheduled to be finished in 2026; its "
                   "checkpoint is to have ten lanes and handle 300 vehicles a day.",
        "status": "planned", "sectors": ["transport", "trade"],
        "actors": [{"id": "russia"}, {"id": "north-korea"}],
        "figures": [{"value": 10, "unit": "traffic lanes", "counts": "lanes at the bridge checkpoint"},
                    {"value": 300, "unit": "vehicles per day",
                     "counts": "daily vehicle capacity of the bridge"}],
        "evidence": [ev(P2P, "set to be completed in 2026"),
                     ev(P2P, "The bridge will feature a checkpoint with ten traffic lanes and accommodate 300 vehicles daily.")],
    },
    {
        "id": "2025-russian-mfa-global-south-pledge", "date": "2025", "date_inferred": True,
        "date_note": "Not dated in the article; placed in 2025, the year of its latest events.",
        "title": "Russian Foreign Ministry: ties with the Global South will stay",
        "summary": "The ministry said Russia would keep deepening relations with Asia, Africa "
                   "and Latin America even if relations with the West get better.",
        "type": "statement", "sectors": ["diplomacy"],
        "actors": [{"id": "russian-foreign-ministry", "role": "speaker"}, {"id": "the-west"}],
        "evidence": [ev(P2P, "Russian Foreign Ministry claimed that Russia would not give up deepening ties with Asian, African, and Latin American countries even if its relations with the West improve.")],
    },
    # ---------------- July 2025: Wonsan ----------------
    {
        "id": "2025-wonsan-resort-zone-opens", "date": "2025", "date_inferred": True,
        "date_note": "The article says Wonsan 'recently' opened the zone, writing about July "
                     "2025.",
        "title": "Wonsan opens a new resort zone",
        "summary": "Wonsan's new resort area has become the emblem of North Korea's drive for "
                   "Russian tourists and investment.",
        "sectors": ["tourism", "economy"],
        "actors": [{"id": "north-korea", "role": "developer"}],
        "places": ["wonsan"],
        "evidence": [ev(WON, "a city that recently opened a new resort zone and has become a symbol of North Korea's efforts to attract Russian tourism and investment")],
    },
    {
        "id": "2025-07-lavrov-visit-north-korea", "date": "2025-07", "end_date": "2025-07-13",
        "date_inferred": True,
        "date_note": "The arrival day is not given: he arrived before the July 12 talks; the "
                     "article says the visit lasts until July 13.",
        "title": "Lavrov visits North Korea, arriving in Wonsan",
        "summary": "Russia's foreign minister arrived in Wonsan for talks; his visit was to "
                   "last until July 13, 2025.",
        "sectors": ["diplomacy"],
        "actors": [{"id": "sergei-lavrov", "role": "visitor"}, {"id": "north-korea", "role": "host"}],
        "places": ["wonsan"],
        "evidence": [ev(WON, "This meeting followed Lavrov's arrival in Wonsan"),
                     ev(WON, "Lavrov's visit to North Korea is set to continue until July 13")],
    },
    {
        "id": "2025-07-12-wonsan-strategic-talks", "date": "2025-07-12",
        "title": "Choe Son Hui and Lavrov hold second round of strategic talks in Wonsan",
        "summary": "The two foreign ministers held their second strategic dialogue, one of a "
                   "run of high-level contacts since the 2024 treaty and part of a wider push "
                   "for military, political and economic ties.",
        "sectors": ["diplomacy", "military", "politics"],
        "actors": [{"id": "choe-son-hui", "role": "host"}, {"id": "sergei-lavrov", "role": "visitor"},
                   {"id": "nk-foreign-ministry"}, {"id": "russian-foreign-ministry"}],
        "places": ["wonsan"],
        "figures": [{"value": 2, "unit": "round", "counts": "round of the strategic talks (second)"}],
        "evidence": [ev(WON, "On July 12, 2025, North Korean Foreign Minister Choe Son-hui and Russian Foreign Minister Sergei Lavrov held the second round of strategic talks in the coastal city of Wonsan, North Korea."),
                     ev(WON, "The talks were part of a series of high-level engagements that have intensified since Russian President Vladimir Putin and North Korean leader Kim Jong-un signed"),
                     ev(WON, "The meeting in Wonsan is part of a broader push to expand military, political, and economic ties, with both sides reaffirming their commitment to mutual support in the face of Western sanctions and diplomatic isolation.")],
    },
    {
        "id": "2025-07-12-choe-unbreakable-ties", "date": "2025-07-12",
        "title": "Choe: ties 'unbreakable', support for Russia unconditional",
        "summary": "Choe said relations had become unbreakable and that North Korea had made "
                   "a strategic choice to back Russia's defence of its sovereignty and "
                   "territory without conditions.",
        "type": "statement", "sectors": ["diplomacy", "military"],
        "actors": [{"id": "choe-son-hui", "role": "speaker"}, {"id": "russia", "role": "supported"}],
        "places": ["wonsan"],
        "evidence": [ev(WON, "Choe Son-hui described the relationship as having reached an \"unbreakable\" level, reaffirming North Korea's \"strategic choice and will\" to defend and unconditionally support Russia's policy of protecting its state sovereignty and territorial integrity.")],
    },
    {
        "id": "2025-07-12-choe-imperialist-schemes", "date": "2025-07-12",
        "title": "Choe casts support as answer to 'imperialist hegemonic schemes'",
        "summary": "Choe presented North Korea's backing of Russia as a response to what both "
                   "call imperialist hegemony, setting the alliance against Western "
                   "influence.",
        "type": "statement", "sectors": ["diplomacy", "politics"],
        "actors": [{"id": "choe-son-hui", "role": "speaker"}, {"id": "the-west", "role": "target"}],
        "places": ["wonsan"],
        "evidence": [ev(WON, "Choe emphasized that this support is a direct response to what both countries characterize as \"imperialist hegemonic schemes,\" positioning their alliance as a counterweight to Western influence.")],
    },
    {
        "id": "2025-07-12-lavrov-military-brotherhood", "date": "2025-07-12",
        "title": "Lavrov hails 'invincible military brotherhood' and Kursk deployment",
        "summary": "Lavrov matched Choe's words, calling the ties an invincible military "
                   "brotherhood and citing North Korean troops in Kursk as proof of the "
                   "closest cooperation.",
        "type": "statement", "sectors": ["military", "diplomacy"],
        "actors": [{"id": "sergei-lavrov", "role": "speaker"}, {"id": "korean-peoples-army"}],
        "places": ["wonsan", "kursk-region"],
        "evidence": [ev(WON, "Sergei Lavrov echoed Choe's remarks, referring to the relationship as an \"invincible military brotherhood.\""),
                     ev(WON, "as a demonstration of the highest level of cooperation between the two countries")],
    },
    {
        "id": "2025-07-12-lavrov-wonsan-tourism-pledge", "date": "2025-07-12",
        "title": "Lavrov pledges more Russian tourists and flights to Wonsan",
        "summary": "Lavrov promised to encourage Russian tourism to Wonsan with more flights "
                   "and easier travel, as part of economic cooperation.",
        "type": "statement", "status": "announced", "sectors": ["tourism", "transport"],
        "actors": [{"id": "sergei-lavrov", "role": "speaker"}],
        "places": ["wonsan"],
        "evidence": [ev(WON, "Lavrov also pledged to encourage more Russian tourism to Wonsan, promising to increase flights and facilitate travel as part of broader economic cooperation.")],
    },
    {
        "id": "2025-07-lavrov-to-sco-in-china", "date": "2025-07", "date_inferred": True,
        "date_note": "The article says he would travel on after July 13, 2025.",
        "title": "Lavrov to go on to China for an SCO meeting",
        "summary": "After North Korea Lavrov was due to travel to China for a Shanghai "
                   "Cooperation Organization meeting.",
        "status": "planned", "sectors": ["diplomacy"],
        "actors": [{"id": "sergei-lavrov", "role": "visitor"}, {"id": "china", "role": "host"},
                   {"id": "sco"}],
        "evidence": [ev(WON, "after which he will travel to China for a meeting of the Shanghai Cooperation Organization, further highlighting the regional and global significance of these diplomatic moves")],
    },
    {
        "id": "2024-us-rok-eu-condemn", "date": "2024", "end_date": "2025", "date_inferred": True,
        "date_note": "Not dated in the article; placed between the June 2024 treaty and the "
                     "July 2025 talks it reports.",
        "title": "U.S., South Korea and EU condemn North Korea's support for Russia",
        "summary": "Washington, Seoul and the EU sharply criticised North Korea's help to "
                   "Russia as breaching Security Council resolutions and endangering "
                   "global security.",
        "type": "reaction", "sectors": ["diplomacy", "sanctions", "security"],
        "actors": [{"id": "united-states", "role": "critic"}, {"id": "south-korea", "role": "critic"},
                   {"id": "european-union", "role": "critic"}, {"id": "north-korea", "role": "target"},
                   {"id": "un-security-council"}],
        "evidence": [ev(WON, "The U.S., South Korea, and European Union have strongly condemned North Korea's support for Russia, calling it a violation of UN Security Council resolutions and a threat to global security.")],
    },
    {
        "id": "2025-report-30000-troops", "date": "2025", "date_inferred": True,
        "date_note": "A related headline printed in the July 2025 article; its own date is "
                     "not given.",
        "title": "Reported: 30,000 North Korean troops for Russia (linked headline)",
        "summary": "A linked headline in the second article reports that North Korea will "
                   "send 30,000 troops to Russia; the article itself gives no details.",
        "status": "reported", "sectors": ["military"],
        "actors": [{"id": "north-korea", "role": "sender"}, {"id": "korean-peoples-army"},
                   {"id": "russia", "role": "recipient"}],
        "figures": [{"value": 30000, "unit": "troops",
                     "counts": "North Korean troops reportedly to be sent to Russia (headline)"}],
        "evidence": [ev(WON, "Also Read: North Korea to Send 30,000 Troops to Russia: How It Reshapes Global Alliances?")],
    },
    # ============================ assessments (first article) ============================
    {
        "id": "a-2025-non-military-ties-overlooked", "date": "2025", "date_inferred": True,
        "date_note": NOTE_P2P,
        "title": "Non-military ties overlooked but likely to outlast the war",
        "summary": "The first article argues that analysts fixated on military cooperation "
                   "have missed government-driven civilian ties under the treaty, which are "
                   "the likely basis for lasting cooperation after the war.",
        "type": "assessment", "sectors": ["diplomacy", "economy"],
        "actors": [{"id": "russia"}, {"id": "north-korea"}, {"id": "csp-treaty"}],
        "evidence": [ev(P2P, "While many analysts' attention has been drawn to Russia-North Korea military cooperation, Moscow and Pyongyang's bilateral ties in non-military sectors have been largely overlooked or dismissed"),
                     ev(P2P, "These are the ties that are likely to form the basis for lasting cooperation long after the war's end.")],
    },
    {
        "id": "a-2025-regional-officials-coordinate", "date": "2023-09", "end_date": "2025",
        "date_inferred": True,
        "date_note": "The article describes this role from the September 2023 summit onward, "
                     "up to its 2025 writing.",
        "title": "Primorsky Krai politicians drive the post-summit agenda",
        "summary": "Regional Russian officials, above all from Primorsky Krai, coordinated "
                   "contacts and turned the 2023 summit and commission plans into concrete "
                   "steps.",
        "type": "assessment", "sectors": ["diplomacy", "politics"],
        "actors": [{"id": "primorsky-krai"}, {"id": "oleg-kozhemyako"},
                   {"id": "intergovernmental-commission"}],
        "evidence": [ev(P2P, "Regional Russian officials, particularly politicians from Primorsky Krai, have played a vital role in coordinating contacts and determining specific actions")],
    },
    {
        "id": "a-2025-state-led-youth-contacts", "date": "2023", "end_date": "2025",
        "date_inferred": True,
        "date_note": "Not dated as a whole: the article's first official youth contact is in "
                     "2023 and its latest youth events are in 2025.",
        "title": "State-led youth movements lead youth exchanges",
        "summary": "Youth contacts between the two countries, begun officially in 2023, are "
                   "run by state-backed patriotic movements.",
        "type": "assessment", "status": "ongoing", "sectors": ["youth"],
        "actors": [{"id": "ygur"}, {"id": "spyl"}, {"id": "movement-of-the-first"}],
        "evidence": [ev(P2P, "North Korea and Russia have been promoting youth contacts, with state-led youth patriotic movements and organizations taking the lead.")],
    },
    {
        "id": "a-2025-youth-ties-buy-party-access", "date": "2025", "date_inferred": True,
        "date_note": NOTE_P2P,
        "title": "Young Guard ties give Pyongyang a line to future Russian leaders",
        "summary": "Because Young Guard leaders can rise into United Russia and into regional "
                   "and federal posts, good relations with them secure North Korea access to "
                   "tomorrow's party leadership.",
        "type": "assessment", "sectors": ["youth", "politics"],
        "actors": [{"id": "north-korea"}, {"id": "ygur"}, {"id": "united-russia"}],
        "evidence": [ev(P2P, "Given the close connections between United Russia and the YGUR, leaders of this youth movement may become party members and hold positions in regional and federal administrative bodies."),
                     ev(P2P, "By fostering good relations with YGUR representatives, North Korea is securing its access to party leaders for the future.")],
    },
    {
        "id": "a-2025-tours-uncompetitive", "date": "2025", "date_inferred": True,
        "date_note": NOTE_P2P,
        "title": "High costs and distance make North Korea tours uncompetitive",
        "summary": "Expensive travel, especially from western Russia where most people live, "
                   "has made tours uncompetitive, and adding Vladivostok flights only for "
                   "North Korea would not pay for Russia.",
        "type": "assessment", "sectors": ["tourism", "transport"],
        "actors": [{"id": "russia"}, {"id": "north-korea"}],
        "places": ["european-russia", "vladivostok", "russian-far-east"],
        "evidence": [ev(P2P, "However, given the high travel costs, particularly for travelers from Russia's western regions, tours to North Korea became uncompetitive."),
                     ev(P2P, "While North Korea has the potential to attract more travelers from the Far East, its accessibility for the majority of Russia's population, which is concentrated in the European part of the country, remains low."),
                     ev(P2P, "Expanding flights to Vladivostok solely to serve North Korea makes little sense for Russia, but this problem is likely to be addressed another way.")],
    },
    {
        "id": "f-2025-far-east-tourism-boon", "date": "2025", "date_inferred": True,
        "date_note": NOTE_P2P,
        "title": "Cheaper Far East travel could modestly help North Korean tourism",
        "summary": "If Russia's domestic tourism push lowers the cost of reaching the Far "
                   "East, trips to North Korea get cheaper too, a small gain for its tourism "
                   "sector.",
        "type": "forecast", "status": "expected", "sectors": ["tourism"],
        "actors": [{"id": "north-korea"}, {"id": "russia"}],
        "places": ["russian-far-east"],
        "evidence": [ev(P2P, "This could be a small boon for North Korea's tourism industry."),
                     ev(P2P, "if travel costs to the Far East decrease, then visiting North Korea will become less expensive")],
    },
    {
        "id": "a-2025-bridge-logistics-gains", "date": "2025", "date_inferred": True,
        "date_note": NOTE_P2P,
        "title": "Bridge could cut shipping costs and open Russia's market",
        "summary": "With rail traffic up sharply, the bridge could improve logistics, make "
                   "small consignments cheaper to move and bring North Korean producers "
                   "closer to Russian buyers.",
        "type": "assessment", "status": "expected", "sectors": ["transport", "trade"],
        "actors": [{"id": "north-korea"}, {"id": "russia"}],
        "evidence": [ev(P2P, "Given the significant increase in rail traffic, the bridge could enhance logistical connectivity and optimize the transportation of smaller volumes of goods, making shipments more cost-effective."),
                     ev(P2P, "This could make the Russian market more accessible to North Korean producers.")],
    },
    {
        "id": "a-2025-chinese-competition", "date": "2025", "date_inferred": True,
        "date_note": NOTE_P2P,
        "title": "High prices may lose North Korean goods to Chinese rivals",
        "summary": "Facing cheaper and better-known Chinese products, North Korean firms' high "
                   "prices could put many Russian buyers off.",
        "type": "assessment", "sectors": ["trade"],
        "actors": [{"id": "north-korea"}, {"id": "china", "role": "competitor"}],
        "evidence": [ev(P2P, "Given that North Korean companies will face competition from cheaper, more familiar Chinese products, these high prices could stop many consumers from purchasing North Korean goods.")],
    },
    {
        "id": "a-2025-gains-sustained-cooperation", "date": "2025", "date_inferred": True,
        "date_note": NOTE_P2P,
        "title": "Civil projects could sustain cooperation and improve North Korea's image",
        "summary": "The conclusion holds that non-military projects make possible a durable "
                   "cooperation that did not exist before the war, and that people-to-people "
                   "diplomacy may improve how Russians see North Korea.",
        "type": "assessment", "sectors": ["diplomacy", "culture"],
        "actors": [{"id": "russia"}, {"id": "north-korea"}],
        "evidence": [ev(P2P, "Conclusion: What Are the Gains?"),
                     ev(P2P, "The non-military projects being developed between Russia and North Korea create the potential for sustained cooperation that had been limited before the war."),
                     ev(P2P, "Recent people-to-people diplomacy could enhance North Korea's image among Russians")],
    },
    {
        "id": "a-2025-far-east-network", "date": "2025", "date_inferred": True,
        "date_note": NOTE_P2P,
        "title": "Far East contacts give Pyongyang a network; one-party rule makes it easier",
        "summary": "Ties with Far East politicians build North Korea a regional network, and "
                   "this time power concentrated in one ruling party and a treaty written into "
                   "law should make the task simpler than in the 1990s.",
        "type": "assessment", "sectors": ["politics", "diplomacy"],
        "actors": [{"id": "north-korea"}, {"id": "united-russia"}],
        "places": ["russian-far-east"],
        "evidence": [ev(P2P, "Strengthening ties with regional politicians from the Russian Far East will allow North Korea to build a network of connections needed to pursue its interests in the region."),
                     ev(P2P, "This time, navigating among politicians and regional leaders may be easier for North Korea, as the power is consolidated in the hands of one ruling party and cooperation has been codified into law.")],
    },
    {
        "id": "a-2025-nk-reputation-strategy", "date": "2025", "date_inferred": True,
        "date_note": NOTE_P2P,
        "title": "Public exchanges may signal a bid to repair North Korea's reputation",
        "summary": "The article reads the interest in exchanges with Russia as a possible "
                   "shift toward improving North Korea's standing abroad, with Kim Jong Un "
                   "reviving his grandfather's grassroots diplomacy after ties and image "
                   "declined under Kim Jong Il.",
        "type": "assessment", "sectors": ["diplomacy", "culture"],
        "actors": [{"id": "kim-jong-un"}, {"id": "kim-il-sung", "role": "model (inferred)"},
                   {"id": "kim-jong-il"}, {"id": "north-korea"}],
        "evidence": [ev(P2P, "North Korea's interest in fostering public exchanges with Russia may indicate a shift in Pyongyang's broader strategy to enhance its global reputation."),
                     ev(P2P, "This would imply that Kim Jong Un is attempting to revitalize his grandfather's policy, which focused on expanding grassroots exchanges with other countries."),
                     ev(P2P, "These connections weakened, and North Korea's overall image worsened during the rule of Kim Jong Il, leaving a troubled legacy for his son.")],
    },
    {
        "id": "a-2025-russia-best-starting-point", "date": "2025", "date_inferred": True,
        "date_note": NOTE_P2P,
        "title": "Russia the natural starting point for North Korea's comeback",
        "summary": "Friendly ties survived Russia's past objections to the nuclear programme "
                   "and its relations with Seoul, and Pyongyang's wariness of China makes "
                   "Russia the best option.",
        "type": "assessment", "sectors": ["diplomacy"],
        "actors": [{"id": "russia"}, {"id": "north-korea"}, {"id": "china"}, {"id": "south-korea"}],
        "evidence": [ev(P2P, "Russia serves as a good starting point to strengthen North Korea's global standing, particularly given the friendly ties that have persisted despite Russia's previously negative stance on Pyongyang's nuclear program"),
                     ev(P2P, "Russia is also the best option considering North Korea's cautious attitude toward China, which until recently, remained the only official ally of North Korea.")],
    },
    {
        "id": "a-2025-kim-domestic-image", "date": "2025", "date_inferred": True,
        "date_note": NOTE_P2P,
        "title": "Russian visitors boost Kim's standing at home",
        "summary": "Being courted by a major power helps Kim Jong Un look strong at home; "
                   "receiving Russian delegations and tourists is safer than sending people "
                   "out and suggests to locals that North Korea has the upper hand.",
        "type": "assessment", "sectors": ["politics", "media"],
        "actors": [{"id": "kim-jong-un"}, {"id": "north-korea"}],
        "evidence": [ev(P2P, "Closer ties with Moscow could bolster Kim Jong Un's domestic image as a strong leader, sought after for help and goodwill by the leader of a major country."),
                     ev(P2P, "Hosting Russian delegations and tourists is safer and more advantageous than sending its people abroad."),
                     ev(P2P, "The presence of foreign representatives in country creates a potentially positive public relations impact, giving locals the impression that North Korea holds greater authority in this relationship.")],
    },
    {
        "id": "f-2025-nk-will-keep-contacts", "date": "2025", "date_inferred": True,
        "date_note": NOTE_P2P,
        "title": "Pyongyang likely to keep up people-to-people contacts",
        "summary": "How often contacts happen will depend on North Korea proposing a shared "
                   "agenda as Russia needs less military help; given the political pay-off, "
                   "Pyongyang will probably maintain them.",
        "type": "forecast", "status": "expected", "sectors": ["diplomacy", "politics"],
        "actors": [{"id": "north-korea"}, {"id": "russia"}],
        "evidence": [ev(P2P, "The frequency and intensity of these contacts will largely depend on North Korea's ability to propose ideas for a common agenda, especially as the need for military assistance from North Korea declines."),
                     ev(P2P, "Considering the political benefits that people-to-people contacts with Russia can provide, Pyongyang is likely to seek to maintain them.")],
    },
    {
        "id": "a-2025-cheap-safe-for-russia", "date": "2025", "date_inferred": True,
        "date_note": NOTE_P2P,
        "title": "For Russia, civil cooperation is cheap and draws little criticism",
        "summary": "People-to-people projects cost Russia little, bind it to little and, "
                   "unlike military ties, attract little international attention.",
        "type": "assessment", "sectors": ["diplomacy"],
        "actors": [{"id": "russia"}],
        "evidence": [ev(P2P, "For Russia, this kind of cooperation is relatively low-cost and comes with few obligations."),
                     ev(P2P, "Unlike military cooperation, people-to-people projects attract less international criticism and attention, making them relatively safe.")],
    },
    {
        "id": "a-2025-sanctions-risk", "date": "2025", "date_inferred": True,
        "date_note": NOTE_P2P,
        "title": "Even civil projects can breach sanctions",
        "summary": "Sanctions bar scientific work with North Korea that could aid its nuclear "
                   "and missile programmes; Russia, now ignoring such norms, might comply "
                   "more if relations with the West improve.",
        "type": "assessment", "status": "speculated", "sectors": ["sanctions", "science"],
        "actors": [{"id": "russia"}, {"id": "north-korea"}, {"id": "the-west"}],
        "evidence": [ev(P2P, "Still, even non-military projects can violate current sanctions, for example, international sanctions prohibit scientific collaboration with North Korea if it can contribute to its nuclear and missile programs."),
                     ev(P2P, "Though recently Russia has been neglecting international norms, if its relations with the West improve, it may become more cautious in terms of sanctions compliance.")],
    },
    {
        "id": "f-2025-russia-keeps-asian-presence", "date": "2025", "date_inferred": True,
        "date_note": NOTE_P2P,
        "title": "Russia will keep North Korea ties to stay present in Asia",
        "summary": "Ties with North Korea fit Russia's Global South drive; it will keep them "
                   "to preserve its presence in Asia, though their potential is limited.",
        "type": "forecast", "status": "expected", "sectors": ["diplomacy"],
        "actors": [{"id": "russia"}, {"id": "north-korea"}],
        "evidence": [ev(P2P, "Current and post-war collaboration with North Korea falls within a broader context of Russia's efforts to expand ties with the Global South."),
                     ev(P2P, "In this context, Russia will try to maintain contacts with North Korea to keep its presence in Asia, even though the areas and scope of cooperation have limited potential.")],
    },
    # ============================ assessments (second article) ============================
    {
        "id": "a-2025-07-alliance-revival", "date": "2025-07", "date_inferred": True,
        "date_note": NOTE_WON,
        "title": "After a cooling, a dramatic revival of cooperation",
        "summary": "The second article notes a revival of the alliance after years of cooler "
                   "relations, and North Korea's habit of siding with powers opposed to the "
                   "U.S. to bolster its security and standing.",
        "type": "assessment", "sectors": ["diplomacy", "security"],
        "actors": [{"id": "north-korea"}, {"id": "russia"}, {"id": "united-states"}],
        "evidence": [ev(WON, "After a period of cooling relations, recent years have seen a dramatic revival of cooperation."),
                     ev(WON, "North Korea has often aligned itself with global powers opposed to the U.S., using these relationships to bolster its own regime security and international standing.")],
    },
    {
        "id": "a-2025-07-why-north-korea", "date": "2025-07", "date_inferred": True,
        "date_note": NOTE_WON,
        "title": "Why North Korea does it: ideology, a UN ally, technology and aid",
        "summary": "Both see themselves resisting U.S. and Western hegemony; North Korea gains "
                   "a Security Council ally, possible military technology and economic "
                   "benefits such as food and energy aid.",
        "type": "assessment", "sectors": ["security", "military", "aid"],
        "actors": [{"id": "north-korea"}, {"id": "russia"}, {"id": "un-security-council"},
                   {"id": "united-states"}],
        "evidence": [ev(WON, "Why Is North Korea Doing This?"),
                     ev(WON, "Both North Korea and Russia see themselves as resisting U.S. and Western \"hegemony.\""),
                     ev(WON, "Their alliance is as much about ideology and opposition to the U.S.-led world order as it is about practical cooperation."),
                     ev(WON, "North Korea gains a powerful ally at the UN Security Council, possible access to advanced Russian military technology, and economic benefits (such as food and energy aid).")],
    },
    {
        "id": "a-2025-07-defense-clause-guarantee", "date": "2025-07", "date_inferred": True,
        "date_note": NOTE_WON,
        "title": "Mutual defence clause as North Korea's security guarantee",
        "summary": "The treaty's mutual defence clause shields North Korea against threats, "
                   "above all from the U.S. and South Korea.",
        "type": "assessment", "sectors": ["security", "military"],
        "actors": [{"id": "north-korea"}, {"id": "csp-treaty"}, {"id": "united-states"},
                   {"id": "south-korea"}],
        "evidence": [ev(WON, "The mutual defense clause gives North Korea a security guarantee against potential threats, particularly from the U.S. and South Korea.")],
    },
    {
        "id": "a-2025-07-challenge-to-us-order", "date": "2025-07", "date_inferred": True,
        "date_note": NOTE_WON,
        "title": "Alliance viewed as defying the U.S.-led order",
        "summary": "Both partners use the alliance to push back against what they call "
                   "imperialist pressure.",
        "type": "assessment", "sectors": ["security", "diplomacy"],
        "actors": [{"id": "north-korea"}, {"id": "russia"}, {"id": "united-states"}],
        "evidence": [ev(WON, "The alliance is seen as a direct challenge to the U.S.-led international order, with both countries leveraging their partnership to resist what they describe as \"imperialist\" pressure.")],
    },
    {
        "id": "a-2025-07-tech-transfer-fears", "date": "2025-07", "date_inferred": True,
        "date_note": NOTE_WON,
        "title": "Fears of Russian missile, satellite or nuclear technology transfers",
        "summary": "Many worry Russia could repay North Korea with missile, satellite or "
                   "nuclear technology, further destabilising the region.",
        "type": "assessment", "status": "speculated", "sectors": ["military", "security"],
        "actors": [{"id": "russia"}, {"id": "north-korea"}],
        "evidence": [ev(WON, "There is widespread worry that Russia may transfer missile, satellite, or nuclear technology to North Korea in exchange for its support, potentially destabilizing the region further.")],
    },
    {
        "id": "a-2025-07-china-closer-to-russia", "date": "2025-07", "date_inferred": True,
        "date_note": NOTE_WON,
        "title": "China also tightens ties with Russia, forming a resistance bloc",
        "summary": "Less openly supportive than North Korea, China has nonetheless drawn "
                   "closer to Russia, producing a new bloc against Western influence.",
        "type": "assessment", "sectors": ["diplomacy"],
        "actors": [{"id": "china"}, {"id": "russia"}, {"id": "the-west"}],
        "evidence": [ev(WON, "China, while not as openly supportive as North Korea, has also strengthened ties with Russia, creating a new bloc of resistance to Western influence.")],
    },
    {
        "id": "f-2025-07-more-exercises-and-personnel", "date": "2025-07", "date_inferred": True,
        "date_note": NOTE_WON,
        "title": "Expected: more joint exercises, tech exchanges, North Korean personnel",
        "summary": "The article expects further joint military drills, technology exchanges "
                   "and possibly more North Korean personnel sent to Russia.",
        "type": "forecast", "status": "expected", "sectors": ["military"],
        "actors": [{"id": "north-korea"}, {"id": "russia"}],
        "evidence": [ev(WON, "Expect further joint military exercises, technology exchanges, and possibly more North Korean personnel in Russia.")],
    },
    {
        "id": "f-2025-07-sanctions-and-containment", "date": "2025-07", "date_inferred": True,
        "date_note": NOTE_WON,
        "title": "Expected: more sanctions and efforts to contain both states",
        "summary": "The alliance is likely to bring more sanctions, military posturing and "
                   "diplomatic containment of both countries.",
        "type": "forecast", "status": "expected", "sectors": ["sanctions", "security"],
        "actors": [{"id": "north-korea"}, {"id": "russia"}],
        "evidence": [ev(WON, "This alliance will likely lead to increased sanctions, military posturing, and diplomatic efforts to contain both countries.")],
    },
    {
        "id": "a-2025-07-support-complicates-settlement", "date": "2025-07", "date_inferred": True,
        "date_note": NOTE_WON,
        "title": "North Korean help strengthens Russia and hinders a settlement",
        "summary": "Not decisive alone, North Korea's support still strengthens Russia and "
                   "makes a negotiated end to the war harder.",
        "type": "assessment", "sectors": ["military", "diplomacy"],
        "actors": [{"id": "north-korea"}, {"id": "russia"}, {"id": "ukraine"}],
        "evidence": [ev(WON, "North Korean support, while not decisive on its own, strengthens Russia's position and complicates efforts for a negotiated settlement.")],
    },
    {
        "id": "a-2025-07-assertive-new-phase", "date": "2025-07", "date_inferred": True,
        "date_note": NOTE_WON,
        "title": "Wonsan talks mark an assertive new phase of a formalised alliance",
        "summary": "The article concludes that the talks showed the new alliance at work "
                   "through military cooperation and the defence treaty, pushing toward a "
                   "polarised world with consequences for Ukraine, nonproliferation and the "
                   "Northeast Asian balance.",
        "type": "assessment", "sectors": ["diplomacy", "military", "security"],
        "actors": [{"id": "choe-son-hui"}, {"id": "sergei-lavrov"}, {"id": "north-korea"},
                   {"id": "russia"}, {"id": "ukraine"}],
        "places": ["wonsan", "northeast-asia"],
        "evidence": [ev(WON, "The Wonsan meeting between Choe Son-hui and Sergei Lavrov not only reaffirmed North Korea's \"unconditional\" support for Russia's territorial integrity but also showcased the operationalization of their newly formalized alliance through direct military cooperation and a comprehensive mutual defense treaty."),
                     ev(WON, "This partnership signals a new, more assertive phase in the relationship between Pyongyang and Moscow, marking a decisive shift toward a more polarized international landscape in which both countries openly challenge Western policies and norms."),
                     ev(WON, "As a result, their alliance not only influences the ongoing conflict in Ukraine but also carries profound implications for global security, nonproliferation efforts, and the balance of power in Northeast Asia")],
    },
]

# --------------------------------------------------------------------------------------------
# Relations
# --------------------------------------------------------------------------------------------

RELATIONS = [
    # ---- leadership ----
    {"id": "r-kim-jong-un-leads-north-korea", "type": "leads", "subject": "kim-jong-un",
     "object": "north-korea",
     "evidence": [ev(WON, "North Korean leader Kim Jong-un")]},
    {"id": "r-putin-leads-russia", "type": "leads", "subject": "vladimir-putin", "object": "russia",
     "note": "As Russian President.",
     "evidence": [ev(P2P, "Russian President Vladimir Putin mentioned positive developments")]},
    {"id": "r-kim-jong-il-led-north-korea", "type": "leads", "subject": "kim-jong-il",
     "object": "north-korea", "note": "Past rule; the article gives no dates.",
     "evidence": [ev(P2P, "North Korea's overall image worsened during the rule of Kim Jong Il")]},
    {"id": "r-kozhemyako-leads-primorsky-krai", "type": "leads", "subject": "oleg-kozhemyako",
     "object": "primorsky-krai", "note": "As governor.",
     "evidence": [ev(P2P, "the governor of Primorsky Krai, Oleg Kozhemyako")]},
    {"id": "r-shoigu-leads-russian-security-council", "type": "leads", "subject": "sergei-shoigu",
     "object": "russian-security-council", "note": "As its Secretary.",
     "evidence": [ev(P2P, "Sergei Shoigu, the Secretary of the Russian Security Council")]},
    {"id": "r-lavrov-leads-russian-foreign-ministry", "type": "leads", "subject": "sergei-lavrov",
     "object": "russian-foreign-ministry", "note": "As Foreign Minister.",
     "evidence": [ev(WON, "Russian Foreign Minister Sergei Lavrov")]},
    {"id": "r-choe-leads-nk-foreign-ministry", "type": "leads", "subject": "choe-son-hui",
     "object": "nk-foreign-ministry", "note": "As Foreign Minister.",
     "evidence": [ev(WON, "North Korean Foreign Minister Choe Son-hui")]},
    # ---- structure ----
    {"id": "r-united-russia-founded-ygur", "type": "founded", "subject": "united-russia",
     "object": "ygur",
     "evidence": [ev(P2P, "a youth movement established by Russia's ruling party")]},
    {"id": "r-ygur-part-of-united-russia", "type": "part_of", "subject": "ygur",
     "object": "united-russia", "note": "The party's youth movement, closely tied to it.",
     "evidence": [ev(P2P, "the Young Guard of United Russia (YGUR), a youth movement established by Russia's ruling party"),
                  ev(P2P, "Given the close connections between United Russia and the YGUR")]},
    {"id": "r-friendship-club-part-of-diplomatic-academy", "type": "part_of",
     "subject": "friendship-club", "object": "diplomatic-academy",
     "evidence": [ev(P2P, "the Russia-North Korea student friendship club from the Diplomatic Academy of the Ministry of Foreign Affairs")]},
    {"id": "r-diplomatic-academy-part-of-russian-foreign-ministry", "type": "part_of",
     "subject": "diplomatic-academy", "object": "russian-foreign-ministry",
     "evidence": [ev(P2P, "the Diplomatic Academy of the Ministry of Foreign Affairs")]},
    {"id": "r-mariinsky-primorsky-part-of-mariinsky", "type": "part_of",
     "subject": "mariinsky-primorsky", "object": "mariinsky-theatre",
     "evidence": [ev(P2P, "the Primorsky branch of the Mariinsky Theatre")]},
    {"id": "r-russia-operates-rasoncontrans", "type": "operates", "subject": "russia",
     "object": "rasoncontrans", "note": "Joint venture with North Korea.",
     "evidence": [ev(P2P, "where Russia and North Korea operate their largest joint venture, RasonConTrans")]},
    {"id": "r-north-korea-operates-rasoncontrans", "type": "operates", "subject": "north-korea",
     "object": "rasoncontrans", "note": "Joint venture with Russia.",
     "evidence": [ev(P2P, "where Russia and North Korea operate their largest joint venture, RasonConTrans")]},
    # ---- locations ----
    {"id": "r-rasoncontrans-located-in-rason", "type": "located_in", "subject": "rasoncontrans",
     "object": "rason",
     "evidence": [ev(P2P, "The governor met with officials from Rason, the closest city to the Russian Far East, where Russia and North Korea operate their largest joint venture, RasonConTrans.")]},
    {"id": "r-travel-company-located-in-vladivostok", "type": "located_in",
     "subject": "vladivostok-travel-company", "object": "vladivostok",
     "evidence": [ev(P2P, "A Vladivostok-based travel company, which offered tours to North Korea")]},
    {"id": "r-songdowon-located-in-north-korea", "type": "located_in", "subject": "songdowon",
     "object": "north-korea",
     "evidence": [ev(P2P, "the North Korean summer camp Songdowon")]},
    {"id": "r-wonsan-located-in-north-korea", "type": "located_in", "subject": "wonsan",
     "object": "north-korea",
     "evidence": [ev(WON, "in the coastal city of Wonsan, North Korea")]},
    {"id": "r-kursk-region-located-in-russia", "type": "located_in", "subject": "kursk-region",
     "object": "russia",
     "evidence": [ev(WON, "the deployment of North Korean troops to Russia's Kursk region")]},
    {"id": "r-rason-located-in-north-korea", "type": "located_in", "subject": "rason",
     "object": "north-korea", "inferred": True,
     "note": "Inferred: the article speaks of North Korea suspending foreign tours in Rason.",
     "evidence": [ev(P2P, "Previously, North Korea suspended foreign tours in Rason following negative feedback")]},
    # ---- treaty, alliance, agreements ----
    {"id": "r-putin-signed-with-kim-jong-un", "type": "signed_with", "subject": "vladimir-putin",
     "object": "kim-jong-un", "date": "2024-06",
     "note": "Comprehensive Strategic Partnership Treaty, signed in Pyongyang.",
     "evidence": [ev(WON, "Russian President Vladimir Putin and North Korean leader Kim Jong-un signed a Comprehensive Strategic Partnership Treaty in Pyongyang in June 2024.")]},
    {"id": "r-russia-signed-with-north-korea", "type": "signed_with", "subject": "russia",
     "object": "north-korea", "date": "2024-06",
     "note": "Comprehensive Strategic Partnership Treaty.",
     "evidence": [ev(WON, "The Comprehensive Strategic Partnership Treaty signed in June 2024 includes provisions for mutual support \"by all means\" if either country is at war")]},
    {"id": "r-russia-allied-with-north-korea", "type": "allied_with", "subject": "russia",
     "object": "north-korea",
     "note": "An alliance dating to the Korean War, revived in recent years and formalised "
             "by the 2024 treaty.",
     "evidence": [ev(WON, "North Korea and Russia have a long history of alliance, dating back to the Korean War."),
                  ev(WON, "showcased the operationalization of their newly formalized alliance")]},
    {"id": "r-united-russia-signed-with-wpk", "type": "signed_with", "subject": "united-russia",
     "object": "wpk", "date": "2025", "date_inferred": True,
     "date_note": "Shortly before the 2025 youth agreement, per the article.",
     "note": "Protocol to expand and enhance cooperation.",
     "evidence": [ev(P2P, "United Russia, signed a protocol to expand and enhance cooperation with the Workers' Party of Korea")]},
    {"id": "r-ygur-signed-with-spyl", "type": "signed_with", "subject": "ygur", "object": "spyl",
     "date": "2025", "date_inferred": True,
     "date_note": "'The following year' after the spring 2024 joint events.",
     "note": "Agreement on friendship and cooperation, signed in Pyongyang.",
     "evidence": [ev(P2P, "the two youth organizations signed an agreement on friendship and cooperation during a meeting in Pyongyang")]},
    {"id": "r-spyl-met-ygur", "type": "met", "subject": "spyl", "object": "ygur", "date": "2024",
     "note": "Spring 2024 joint events in Vladivostok and Khabarovsk.",
     "evidence": [ev(P2P, "Exchanges moved to the higher level in spring 2024, as the Socialist Patriotic Youth League met with the YGUR")]},
    {"id": "r-ygur-hosted-friendship-club", "type": "hosted", "subject": "ygur",
     "object": "friendship-club", "date": "2023",
     "evidence": [ev(P2P, "The first official contacts were established in 2023"),
                  ev(P2P, "hosted a delegation of the Russia-North Korea student friendship club")]},
    # ---- meetings and visits ----
    {"id": "r-choe-met-lavrov", "type": "met", "subject": "choe-son-hui", "object": "sergei-lavrov",
     "date": "2025-07-12", "note": "Second round of strategic talks, Wonsan.",
     "evidence": [ev(WON, "On July 12, 2025, North Korean Foreign Minister Choe Son-hui and Russian Foreign Minister Sergei Lavrov held the second round of strategic talks in the coastal city of Wonsan, North Korea.")]},
    {"id": "r-lavrov-visited-wonsan", "type": "visited", "subject": "sergei-lavrov",
     "object": "wonsan", "date": "2025-07", "end_date": "2025-07-13",
     "evidence": [ev(WON, "This meeting followed Lavrov's arrival in Wonsan"),
                  ev(WON, "Lavrov's visit to North Korea is set to continue until July 13")]},
    {"id": "r-north-korea-hosted-lavrov", "type": "hosted", "subject": "north-korea",
     "object": "sergei-lavrov", "date": "2025-07", "end_date": "2025-07-13",
     "evidence": [ev(WON, "Lavrov's visit to North Korea is set to continue until July 13")]},
    {"id": "r-shoigu-met-kim-jong-un", "type": "met", "subject": "sergei-shoigu",
     "object": "kim-jong-un", "date": "2025-06-17", "date_inferred": True,
     "date_note": NOTE_JUNE17,
     "evidence": [ev(P2P, "At the meeting with Kim Jong Un on June 17, Sergei Shoigu")]},
    {"id": "r-shoigu-visited-pyongyang", "type": "visited", "subject": "sergei-shoigu",
     "object": "pyongyang", "date": "2025-05", "end_date": "2025-06-17", "date_inferred": True,
     "date_note": "Two visits within a month, the second on June 17 (year inferred as 2025).",
     "evidence": [ev(P2P, "This was Shoigu's second visit to Pyongyang in a month")]},
    {"id": "r-putin-visited-pyongyang", "type": "visited", "subject": "vladimir-putin",
     "object": "pyongyang", "date": "2024-06",
     "evidence": [ev(P2P, "During his visit to Pyongyang in June 2024, when the Treaty was signed")]},
    {"id": "r-kim-jong-un-met-putin-2023", "type": "met", "subject": "kim-jong-un",
     "object": "vladimir-putin", "date": "2023-09", "note": "Summit at Vostochny Cosmodrome.",
     "evidence": [ev(P2P, "the summit between Kim and Putin at Vostochny Cosmodrome in September 2023")]},
    {"id": "r-kim-jong-un-met-putin-2019", "type": "met", "subject": "kim-jong-un",
     "object": "vladimir-putin", "date": "2019", "note": "Summit of 2019.",
     "evidence": [ev(P2P, "the summit between Putin and Kim Jong Un in 2019")]},
    {"id": "r-kozhemyako-visited-pyongyang-2023", "type": "visited", "subject": "oleg-kozhemyako",
     "object": "pyongyang", "date": "2023-12", "date_inferred": True,
     "date_note": "'December that year', i.e. 2023.",
     "evidence": [ev(P2P, "A delegation led by the governor of Primorsky Krai, Oleg Kozhemyako, visited Pyongyang in December that year")]},
    {"id": "r-kozhemyako-visited-pyongyang-2024", "type": "visited", "subject": "oleg-kozhemyako",
     "object": "pyongyang", "date": "2024-03",
     "evidence": [ev(P2P, "Kozhemyako made another visit to Pyongyang in March 2024")]},
    {"id": "r-nk-education-visited-primorsky-krai", "type": "visited",
     "subject": "nk-ministry-of-education", "object": "primorsky-krai", "date": "2024",
     "date_inferred": True, "date_note": "'Soon' after the March 2024 visit.",
     "note": "Delegation led by the minister of education.",
     "evidence": [ev(P2P, "North Korea soon reciprocated this gesture with a delegation led by its minister of education visiting Primorsky Krai")]},
    {"id": "r-nk-education-visited-fefu", "type": "visited", "subject": "nk-ministry-of-education",
     "object": "fefu", "date": "2025-05",
     "note": "The deputy minister attended the University Presidents' Forum there.",
     "evidence": [ev(P2P, "The North Korean Deputy Minister of Education and heads of ten top North Korean universities participated in the first Russia-North Korea University Presidents' Forum")]},
    {"id": "r-mariinsky-primorsky-visited-pyongyang", "type": "visited",
     "subject": "mariinsky-primorsky", "object": "pyongyang", "date": "2024",
     "evidence": [ev(P2P, "an art troupe from the Primorsky branch of the Mariinsky Theatre performed in Pyongyang in 2024")]},
    {"id": "r-movement-of-the-first-visited-songdowon", "type": "visited",
     "subject": "movement-of-the-first", "object": "songdowon", "date": "2025",
     "date_inferred": True, "date_note": "Undated; placed with the summer-2025 camp holidays.",
     "note": "Organised the first trip of Russian schoolchildren to the camp.",
     "evidence": [ev(P2P, "Movement of the First, arranged the first trip to the North Korean summer camp Songdowon")]},
    {"id": "r-fefu-hosted-presidents-forum", "type": "hosted", "subject": "fefu",
     "object": "university-presidents-forum", "date": "2025-05",
     "evidence": [ev(P2P, "the first Russia-North Korea University Presidents' Forum held at Far Eastern Federal University in May 2025")]},
    # ---- cooperation ----
    {"id": "r-russian-railways-cooperates-with-nk-railways", "type": "cooperates_with",
     "subject": "russian-railways", "object": "nk-ministry-of-railways", "date": "2008",
     "end_date": "2013", "note": "Reconstruction of the Khasan-Rajin railroad.",
     "evidence": [ev(P2P, "which was reconstructed from 2008 to 2013 by the Russian company Russian Railways and the North Korean Ministry of Railways")]},
    {"id": "r-nk-universities-cooperate-with-msu", "type": "cooperates_with",
     "subject": "north-korean-universities", "object": "moscow-state-university",
     "date": "2023", "end_date": "2025",
     "evidence": [ev(P2P, "representatives of North Korean universities have been working to build closer ties with prominent Russian universities, including Moscow State University")]},
    {"id": "r-nk-universities-cooperate-with-bauman", "type": "cooperates_with",
     "subject": "north-korean-universities", "object": "bauman-mstu",
     "date": "2023", "end_date": "2025",
     "evidence": [ev(P2P, "including Moscow State University, Bauman Moscow State Technical University")]},
    {"id": "r-nk-universities-cooperate-with-fefu", "type": "cooperates_with",
     "subject": "north-korean-universities", "object": "fefu",
     "date": "2023", "end_date": "2025",
     "evidence": [ev(P2P, "Bauman Moscow State Technical University, Far Eastern Federal University, Novosibirsk State University")]},
    {"id": "r-nk-universities-cooperate-with-nsu", "type": "cooperates_with",
     "subject": "north-korean-universities", "object": "novosibirsk-state-university",
     "date": "2023", "end_date": "2025",
     "evidence": [ev(P2P, "Far Eastern Federal University, Novosibirsk State University, and Kazan Federal University")]},
    {"id": "r-nk-universities-cooperate-with-kfu", "type": "cooperates_with",
     "subject": "north-korean-universities", "object": "kazan-federal-university",
     "date": "2023", "end_date": "2025",
     "evidence": [ev(P2P, "Novosibirsk State University, and Kazan Federal University")]},
    {"id": "r-fefu-cooperates-with-china", "type": "cooperates_with", "subject": "fefu",
     "object": "china", "note": "Earlier university forums; undated.",
     "evidence": [ev(P2P, "Previously, the university organized similar forums with other East Asian countries-China, South Korea, and Japan.")]},
    {"id": "r-fefu-cooperates-with-south-korea", "type": "cooperates_with", "subject": "fefu",
     "object": "south-korea", "note": "Earlier university forums; undated.",
     "evidence": [ev(P2P, "Previously, the university organized similar forums with other East Asian countries-China, South Korea, and Japan.")]},
    {"id": "r-fefu-cooperates-with-japan", "type": "cooperates_with", "subject": "fefu",
     "object": "japan", "note": "Earlier university forums; undated.",
     "evidence": [ev(P2P, "Previously, the university organized similar forums with other East Asian countries-China, South Korea, and Japan.")]},
    {"id": "r-china-cooperates-with-russia", "type": "cooperates_with", "subject": "china",
     "object": "russia",
     "evidence": [ev(WON, "China, while not as openly supportive as North Korea, has also strengthened ties with Russia")]},
    {"id": "r-russia-cooperates-with-south-korea", "type": "cooperates_with", "subject": "russia",
     "object": "south-korea", "note": "Diplomatic ties with Seoul; friendly Russia-North Korea ties persisted despite them.",
     "evidence": [ev(P2P, "its diplomatic ties with South Korea, a North Korean rival")]},
    {"id": "r-china-allied-with-north-korea", "type": "allied_with", "subject": "china",
     "object": "north-korea",
     "note": "Until recently North Korea's only official ally, per the first article.",
     "evidence": [ev(P2P, "which until recently, remained the only official ally of North Korea")]},
    # ---- support and opposition ----
    {"id": "r-north-korea-supports-russia", "type": "supports", "subject": "north-korea",
     "object": "russia",
     "note": "Declared unconditional support and troops sent to the Kursk region.",
     "evidence": [ev(WON, "reaffirming North Korea's \"strategic choice and will\" to defend and unconditionally support Russia's policy of protecting its state sovereignty and territorial integrity"),
                  ev(WON, "to aid Russia in the war-affected Kursk region")]},
    {"id": "r-kpa-supports-russian-armed-forces", "type": "supports",
     "subject": "korean-peoples-army", "object": "russian-armed-forces",
     "date": "2024", "end_date": "2025", "date_inferred": True,
     "date_note": "Undated deployment; between the June 2024 treaty and the July 2025 talks.",
     "evidence": [ev(WON, "where they assisted Russian forces against Ukraine")]},
    {"id": "r-russia-supports-north-korea", "type": "supports", "subject": "russia",
     "object": "north-korea", "note": "Backs North Korea as a strong friend on the Security Council.",
     "evidence": [ev(WON, "North Korea gains a powerful ally at the UN Security Council")]},
    {"id": "r-russia-member-of-unsc", "type": "member_of", "subject": "russia",
     "object": "un-security-council", "inferred": True,
     "note": "Inferred from the article calling Russia North Korea's 'powerful ally at the UN "
             "Security Council'.",
     "evidence": [ev(WON, "North Korea gains a powerful ally at the UN Security Council")]},
    {"id": "r-north-korea-opposes-ukraine", "type": "opposes", "subject": "north-korea",
     "object": "ukraine", "note": "Its troops assisted Russian forces against Ukraine.",
     "evidence": [ev(WON, "where they assisted Russian forces against Ukraine")]},
    {"id": "r-north-korea-opposes-united-states", "type": "opposes", "subject": "north-korea",
     "object": "united-states",
     "evidence": [ev(WON, "North Korea has often aligned itself with global powers opposed to the U.S."),
                  ev(WON, "Both North Korea and Russia see themselves as resisting U.S. and Western \"hegemony.\"")]},
    {"id": "r-russia-opposes-united-states", "type": "opposes", "subject": "russia",
     "object": "united-states",
     "evidence": [ev(WON, "Both North Korea and Russia see themselves as resisting U.S. and Western \"hegemony.\"")]},
    {"id": "r-north-korea-opposes-the-west", "type": "opposes", "subject": "north-korea",
     "object": "the-west",
     "evidence": [ev(WON, "both countries openly challenge Western policies and norms")]},
    {"id": "r-russia-opposes-the-west", "type": "opposes", "subject": "russia",
     "object": "the-west",
     "evidence": [ev(WON, "both countries openly challenge Western policies and norms")]},
    {"id": "r-north-korea-opposes-south-korea", "type": "opposes", "subject": "north-korea",
     "object": "south-korea", "note": "Described as a North Korean rival.",
     "evidence": [ev(P2P, "South Korea, a North Korean rival")]},
    {"id": "r-us-condemned-north-korea", "type": "condemned", "subject": "united-states",
     "object": "north-korea", "note": "For its support of Russia.",
     "evidence": [ev(WON, "The U.S., South Korea, and European Union have strongly condemned North Korea's support for Russia")]},
    {"id": "r-south-korea-condemned-north-korea", "type": "condemned", "subject": "south-korea",
     "object": "north-korea", "note": "For its support of Russia.",
     "evidence": [ev(WON, "The U.S., South Korea, and European Union have strongly condemned North Korea's support for Russia")]},
    {"id": "r-eu-condemned-north-korea", "type": "condemned", "subject": "european-union",
     "object": "north-korea", "note": "For its support of Russia.",
     "evidence": [ev(WON, "The U.S., South Korea, and European Union have strongly condemned North Korea's support for Russia")]},
]


# --------------------------------------------------------------------------------------------
# Normalisation (fixed key order, defaults) and checks
# --------------------------------------------------------------------------------------------

FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                      "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def fold(text: str) -> str:
    """Fold exactly as ../shared/tools/check-evidence does."""
    return re.sub(r"\s+", " ", text.translate(FOLD)).strip()


EVENT_KEYS = ("id", "date", "end_date", "date_inferred", "date_note", "title", "summary", "type",
              "status", "sectors", "actors", "places", "figures", "evidence")
RELATION_KEYS = ("id", "type", "subject", "object", "date", "end_date", "date_inferred",
                 "date_note", "inferred", "note", "evidence")
ACTOR_KEYS = ("id", "name", "kind", "country", "aliases", "description", "evidence")
SOURCE_KEYS = ("id", "title", "file", "origin", "notes")


def _ordered(rec: dict, keys: tuple[str, ...]) -> dict:
    out = {k: rec[k] for k in keys if k in rec}
    out.update({k: v for k, v in rec.items() if k not in out})  # unknown keys kept (and flagged)
    return out


def normalise_event(rec: dict) -> dict:
    rec = dict(rec)
    rec.setdefault("date_inferred", False)
    rec.setdefault("type", "occurrence")
    rec.setdefault("places", [])
    rec.setdefault("figures", [])
    return _ordered(rec, EVENT_KEYS)


def parse_date(value, problems: list[str], where: str, schema) -> tuple[int, ...] | None:
    if not isinstance(value, str) or not schema.DATE_RE.match(value):
        problems.append(f"{where}: bad date {value!r}")
        return None
    m = schema.DATE_RE.match(value)
    parts = tuple(int(g) for g in m.groups() if g is not None)
    if len(parts) >= 2 and not 1 <= parts[1] <= 12:
        problems.append(f"{where}: bad month in {value!r}")
        return None
    if len(parts) == 3 and not 1 <= parts[2] <= calendar.monthrange(parts[0], parts[1])[1]:
        problems.append(f"{where}: bad day in {value!r}")
        return None
    return parts


def check_dates(rec: dict, where: str, problems: list[str], schema) -> None:
    start = parse_date(rec["date"], problems, where, schema) if "date" in rec else None
    if "end_date" in rec:
        if "date" not in rec:
            problems.append(f"{where}: end_date without date")
        end = parse_date(rec["end_date"], problems, where + ".end_date", schema)
        if start and end:
            n = min(len(start), len(end))
            if end[:n] < start[:n]:
                problems.append(f"{where}: end_date {rec['end_date']} before date {rec['date']}")
    if "date_inferred" in rec and not isinstance(rec["date_inferred"], bool):
        problems.append(f"{where}: date_inferred must be a bool")
    if rec.get("date_inferred") and not str(rec.get("date_note") or "").strip():
        problems.append(f"{where}: date_inferred without date_note")
    if rec.get("date_note") and not rec.get("date_inferred"):
        problems.append(f"{where}: date_note without date_inferred")


def check_evidence(rec: dict, where: str, problems: list[str], schema, texts: dict) -> None:
    evidence = rec.get("evidence")
    if not isinstance(evidence, list) or not evidence:
        problems.append(f"{where}: evidence must be a non-empty list")
        return
    for i, item in enumerate(evidence):
        w = f"{where}.evidence[{i}]"
        if not isinstance(item, dict) or set(item) != {"source", "quote"}:
            problems.append(f"{w}: must be {{source, quote}}")
            continue
        if item["source"] not in SOURCE_IDS:
            problems.append(f"{w}: unknown source {item['source']!r}")
            continue
        if item["source"] not in texts:
            continue  # seed file missing: reported once under sources/
        quote = fold(str(item["quote"]))
        if not schema.QUOTE_MIN <= len(quote) <= schema.QUOTE_MAX:
            problems.append(f"{w}: quote length {len(quote)} outside "
                            f"{schema.QUOTE_MIN}..{schema.QUOTE_MAX}")
        if quote not in texts[item["source"]]:
            problems.append(f"{w}: quote not verbatim in {item['source']}: {quote[:70]!r}")


def validate(schema, seeds: Path) -> list[str]:
    problems: list[str] = []
    texts: dict[str, str] = {}
    for src in SOURCES:
        path = seeds / src["file"]
        if not path.is_file():
            problems.append(f"sources/{src['id']}: seed file missing: {path}")
        else:
            texts[src["id"]] = fold(path.read_text(encoding="utf-8"))
        for key in ("id", "title", "file", "origin"):
            if not str(src.get(key) or "").strip():
                problems.append(f"sources/{src.get('id')}: missing {key}")
        for key in src:
            if key not in SOURCE_KEYS:
                problems.append(f"sources/{src.get('id')}: unknown field {key!r}")

    seen: dict[str, str] = {}
    for table, rows in (("sources", SOURCES), ("actors", ACTORS), ("events", EVENTS),
                        ("relations", RELATIONS)):
        for rec in rows:
            rid = rec.get("id")
            if not isinstance(rid, str) or not schema.ID_RE.match(rid):
                problems.append(f"{table}/{rid}: id does not match ID_RE")
            if rid in seen:
                problems.append(f"{table}/{rid}: id already used in {seen[rid]}")
            seen[rid] = table

    actors = {a["id"]: a for a in ACTORS}
    for a in ACTORS:
        w = f"actors/{a['id']}"
        for key in ACTOR_KEYS:
            if key not in a:
                problems.append(f"{w}: missing {key}")
        for key in a:
            if key not in ACTOR_KEYS:
                problems.append(f"{w}: unknown field {key!r}")
        if not str(a.get("name") or "").strip():
            problems.append(f"{w}: empty name")
        if a.get("kind") not in schema.ACTOR_KINDS:
            problems.append(f"{w}: kind {a.get('kind')!r} not in vocabulary")
        if a.get("country") is not None and a.get("country") not in schema.COUNTRIES:
            problems.append(f"{w}: country {a.get('country')!r} not in vocabulary")
        aliases = a.get("aliases")
        if not isinstance(aliases, list) or not all(isinstance(x, str) and x.strip() for x in aliases):
            problems.append(f"{w}: aliases must be a list of non-empty strings")
        elif len(set(aliases)) != len(aliases):
            problems.append(f"{w}: duplicate aliases")
        if not str(a.get("description") or "").strip():
            problems.append(f"{w}: empty description")
        check_evidence(a, w, problems, schema, texts)

    for e in EVENTS:
        w = f"events/{e['id']}"
        for key in e:
            if key not in EVENT_KEYS:
                problems.append(f"{w}: unknown field {key!r}")
        for key in ("date", "title", "summary", "sectors", "actors"):
            if not e.get(key):
                problems.append(f"{w}: missing {key}")
        check_dates(e, w, problems, schema)
        sectors = e.get("sectors") or []
        if not 1 <= len(sectors) <= 3 or len(set(sectors)) != len(sectors):
            problems.append(f"{w}: need 1-3 distinct sectors")
        for s in sectors:
            if s not in schema.SECTORS:
                problems.append(f"{w}: sector {s!r} not in vocabulary")
        if e.get("type", "occurrence") not in schema.EVENT_TYPES:
            problems.append(f"{w}: type {e.get('type')!r} not in vocabulary")
        if "status" in e and e["status"] not in schema.STATUSES:
            problems.append(f"{w}: status {e['status']!r} not in vocabulary")
        ids = []
        for ref in e.get("actors") or []:
            if not isinstance(ref, dict) or "id" not in ref or set(ref) - {"id", "role"}:
                problems.append(f"{w}: actor ref must be {{id, role?}}: {ref!r}")
                continue
            ids.append(ref["id"])
            if ref["id"] not in actors:
                problems.append(f"{w}: unknown actor {ref['id']!r}")
            if "role" in ref and not str(ref["role"]).strip():
                problems.append(f"{w}: empty role for {ref['id']}")
        if len(set(ids)) != len(ids):
            problems.append(f"{w}: duplicate actor refs")
        for pid in e.get("places") or []:
            if pid not in actors:
                problems.append(f"{w}: unknown place {pid!r}")
            elif actors[pid]["kind"] != "place":
                problems.append(f"{w}: place {pid!r} is a {actors[pid]['kind']}, not a place")
        for fig in e.get("figures") or []:
            if (not isinstance(fig, dict) or not isinstance(fig.get("value"), (int, float))
                    or isinstance(fig.get("value"), bool)
                    or not str(fig.get("unit") or "").strip()
                    or not str(fig.get("counts") or "").strip()
                    or set(fig) - {"value", "unit", "counts", "approx"}
                    or not isinstance(fig.get("approx", False), bool)):
                problems.append(f"{w}: bad figure {fig!r}")
        check_evidence(e, w, problems, schema, texts)

    for r in RELATIONS:
        w = f"relations/{r['id']}"
        for key in r:
            if key not in RELATION_KEYS:
                problems.append(f"{w}: unknown field {key!r}")
        if r.get("type") not in schema.RELATION_TYPES:
            problems.append(f"{w}: type {r.get('type')!r} not in vocabulary")
        for end in ("subject", "object"):
            if r.get(end) not in actors:
                problems.append(f"{w}: unknown {end} {r.get(end)!r}")
        if r.get("subject") == r.get("object"):
            problems.append(f"{w}: subject and object are the same")
        check_dates(r, w, problems, schema)
        if "inferred" in r and not isinstance(r["inferred"], bool):
            problems.append(f"{w}: inferred must be a bool")
        if r.get("inferred") and not str(r.get("note") or "").strip():
            problems.append(f"{w}: inferred relation without note")
        check_evidence(r, w, problems, schema, texts)
    return problems


def build(built: str) -> dict:
    def table(rows):
        return {str(i): row for i, row in enumerate(rows, start=1)}

    return {
        "meta": {"1": {"schema": 1, "name": "nkru-tui curated store", "built": built}},
        "sources": table([_ordered(s, SOURCE_KEYS) for s in SOURCES]),
        "actors": table([_ordered(a, ACTOR_KEYS) for a in ACTORS]),
        "events": table([normalise_event(e) for e in EVENTS]),
        "relations": table([_ordered(r, RELATION_KEYS) for r in RELATIONS]),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=DEFAULT_SEEDS)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--built", default=BUILT)
    parser.add_argument("--check", action="store_true", help="validate only, write nothing")
    ns = parser.parse_args(argv)
    schema = _load_schema()
    problems = validate(schema, ns.seeds)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", ns.built):
        problems.append(f"meta: --built must be YYYY-MM-DD, got {ns.built!r}")
    if problems:
        print(f"{len(problems)} problem(s); data/db.json not written:", file=sys.stderr)
        for line in problems:
            print("  " + line, file=sys.stderr)
        return 1
    db = build(ns.built)
    counts = ", ".join(f"{t}={len(db[t])}" for t in schema.TABLES)
    if ns.check:
        print(f"ok (not written): {counts}")
        return 0
    ns.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(db, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    ns.out.write_bytes(text.encode("utf-8"))
    print(f"wrote {ns.out}: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
