#!/usr/bin/env python3
"""Deterministic generator of synthetic nkru-tui stores, in the real schema, at any size.

    python benchmarks/gen_store.py N OUT.json [--seed S]
    python benchmarks/gen_store.py 10k benchmarks/stores/x.json

The same N and seed always give the same bytes. Field sizes follow the curated store: titles
of ~60 characters, summaries of ~400, 2-5 actors per event with roles, 0-2 places, 0-3
figures, 1-3 evidence quotes citing a ``sources`` entry; a pool of ~N/20 actors (min 50) with
Cyrillic and Hangul aliases; relations between them. Words follow a Zipf-like distribution
over a domain vocabulary plus generated rare words, so the index has a realistic vocabulary.

A few "anchor" actors always exist (Kim Jong Un / Ким Чен Ын / 김정은, Vladimir Putin,
Pyongyang / Пхеньян / 평양, Vladivostok, Wonsan, ...), so the benchmark's fixed query set
(including a Cyrillic alias) has hits at every size.

Quotes are synthetic text: ``check-evidence`` (verbatim check against seed files) is not part
of validation. Only the standard library is used, so the generator runs anywhere.
"""

from __future__ import annotations

import argparse
import calendar
import json
import os
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
STORES = HERE / "stores"
DEFAULT_SEED = 20240619  # the date of the Comprehensive Strategic Partnership treaty
VERSION = 1  # bump when the output changes, so cached stores are regenerated

# Kept in step with src/nkru_tui/core/schema.py (tests/test_bench_generator.py checks it).
SECTORS = [
    "diplomacy", "military", "security", "politics", "economy", "trade", "transport",
    "tourism", "education", "science", "youth", "culture", "sport", "media", "aid", "labour",
    "agriculture", "sanctions", "energy",
]
ACTOR_KINDS = ["person", "organization", "state", "place", "company", "party", "institution",
               "event"]
COUNTRIES = ["KP", "RU", "CN", "KR", "US", "JP", "UA", "EU", "UN", "INT"]
RELATION_TYPES = [
    "leads", "member_of", "part_of", "met", "signed_with", "operates", "visited", "hosted",
    "allied_with", "located_in", "founded", "supports", "condemned", "opposes",
    "cooperates_with",
]
STATUSES = ["proposed", "planned", "announced", "agreed", "under_construction", "expected",
            "reported", "ongoing", "speculated"]
EVENT_TYPES = ["occurrence", "statement", "reaction", "assessment", "forecast", "background"]

# ---------------------------------------------------------------------------- anchors

ANCHORS = [
    # id, name, kind, country, aliases, description
    ("kim-jong-un", "Kim Jong Un", "person", "KP", ["Ким Чен Ын", "김정은", "Kim Jong-un"],
     "General Secretary of the Workers' Party of Korea."),
    ("vladimir-putin", "Vladimir Putin", "person", "RU", ["Владимир Путин", "블라디미르 푸틴",
     "Putin"], "President of the Russian Federation."),
    ("sergei-lavrov", "Sergei Lavrov", "person", "RU", ["Сергей Лавров", "세르게이 라브로프"],
     "Minister of Foreign Affairs of Russia."),
    ("choe-son-hui", "Choe Son Hui", "person", "KP", ["Чвэ Сон Хи", "최선희", "Choe Son-hui"],
     "Minister of Foreign Affairs of the DPRK."),
    ("oleg-kozhemyako", "Oleg Kozhemyako", "person", "RU", ["Олег Кожемяко", "올레그 코제먀코"],
     "Governor of Primorsky Krai."),
    ("dprk", "Democratic People's Republic of Korea", "state", "KP",
     ["DPRK", "North Korea", "КНДР", "Северная Корея", "조선민주주의인민공화국", "북한"],
     "The North Korean state."),
    ("russia", "Russian Federation", "state", "RU", ["Russia", "Россия", "РФ", "러시아"],
     "The Russian state."),
    ("pyongyang", "Pyongyang", "place", "KP", ["Пхеньян", "평양"], "Capital of the DPRK."),
    ("moscow", "Moscow", "place", "RU", ["Москва", "모스크바"], "Capital of Russia."),
    ("vladivostok", "Vladivostok", "place", "RU", ["Владивосток", "블라디보스토크"],
     "Port city in Primorsky Krai."),
    ("wonsan", "Wonsan", "place", "KP", ["Вонсан", "원산", "Wonsan-Kalma"],
     "Port and resort city on the east coast."),
    ("rason", "Rason", "place", "KP", ["Расон", "라선", "Rajin-Sonbong"],
     "Special economic zone near the Russian border."),
    ("khasan", "Khasan", "place", "RU", ["Хасан", "하산"], "Border settlement in Primorsky Krai."),
    ("wpk", "Workers' Party of Korea", "party", "KP", ["WPK", "ТПК", "Трудовая партия Кореи",
     "조선로동당"], "The ruling party of the DPRK."),
    ("rzd", "Russian Railways", "company", "RU", ["RZD", "РЖД", "Российские железные дороги",
     "러시아철도"], "State railway company of Russia."),
    ("kim-il-sung-university", "Kim Il Sung University", "institution", "KP",
     ["Университет имени Ким Ир Сена", "김일성종합대학"], "University in Pyongyang."),
    ("eastern-economic-forum", "Eastern Economic Forum", "event", "RU",
     ["EEF", "ВЭФ", "Восточный экономический форум", "동방경제포럼"],
     "Annual forum held in Vladivostok."),
    ("united-nations", "United Nations", "organization", "UN", ["UN", "ООН", "유엔"],
     "The United Nations."),
]
ANCHOR_PLACES = [a[0] for a in ANCHORS if a[2] == "place"]

# ---------------------------------------------------------------------------- name parts

KO_SYL = [  # romanization, Hangul syllable
    ("Kim", "김"), ("Pak", "박"), ("Ri", "리"), ("Choe", "최"), ("Jong", "정"), ("Un", "은"),
    ("Son", "선"), ("Hui", "희"), ("Yong", "용"), ("Chol", "철"), ("Nam", "남"), ("Il", "일"),
    ("Song", "성"), ("Myong", "명"), ("Hyok", "혁"), ("Kwang", "광"), ("Su", "수"),
    ("Ho", "호"), ("Jin", "진"), ("Tae", "태"), ("Hak", "학"), ("Chun", "춘"), ("Ok", "옥"),
    ("Sun", "순"), ("Mi", "미"), ("Hwa", "화"), ("Gum", "금"), ("Ryong", "룡"), ("Sok", "석"),
    ("Han", "한"), ("Ju", "주"), ("Hyon", "현"), ("Yun", "윤"), ("Chang", "창"), ("Dok", "덕"),
]
KO_SURNAMES = [("Kim", "김", "Ким"), ("Pak", "박", "Пак"), ("Ri", "리", "Ли"),
               ("Choe", "최", "Чвэ"), ("Jo", "조", "Чо"), ("Kang", "강", "Кан"),
               ("Han", "한", "Хан"), ("O", "오", "О"), ("Jang", "장", "Чан"),
               ("Yun", "윤", "Юн"), ("Hyon", "현", "Хён"), ("Ryu", "류", "Рю")]
KO_CYR = {
    "Kim": "Ким", "Pak": "Пак", "Ri": "Ри", "Choe": "Чвэ", "Jong": "Чон", "Un": "Ын",
    "Son": "Сон", "Hui": "Хи", "Yong": "Ён", "Chol": "Чхоль", "Nam": "Нам", "Il": "Иль",
    "Song": "Сон", "Myong": "Мён", "Hyok": "Хёк", "Kwang": "Гван", "Su": "Су", "Ho": "Хо",
    "Jin": "Чин", "Tae": "Тхэ", "Hak": "Хак", "Chun": "Чхун", "Ok": "Ок", "Sun": "Сун",
    "Mi": "Ми", "Hwa": "Хва", "Gum": "Гым", "Ryong": "Рён", "Sok": "Сок", "Han": "Хан",
    "Ju": "Чу", "Hyon": "Хён", "Yun": "Юн", "Chang": "Чан", "Dok": "Док",
}
RU_FIRST = [("Sergei", "Сергей", "세르게이"), ("Alexander", "Александр", "알렉산드르"),
            ("Dmitry", "Дмитрий", "드미트리"), ("Andrei", "Андрей", "안드레이"),
            ("Mikhail", "Михаил", "미하일"), ("Nikolai", "Николай", "니콜라이"),
            ("Alexei", "Алексей", "알렉세이"), ("Yuri", "Юрий", "유리"), ("Ivan", "Иван", "이반"),
            ("Olga", "Ольга", "올가"), ("Elena", "Елена", "옐레나"), ("Irina", "Ирина", "이리나"),
            ("Maxim", "Максим", "막심"), ("Pavel", "Павел", "파벨"), ("Denis", "Денис", "데니스"),
            ("Viktor", "Виктор", "빅토르"), ("Anna", "Анна", "안나"), ("Igor", "Игорь", "이고리")]
RU_ROOTS = [("Kozl", "Козл", "코즐"), ("Petr", "Петр", "페트르"), ("Sokol", "Сокол", "소콜"),
            ("Volk", "Волк", "볼크"), ("Moroz", "Мороз", "모로즈"),
            ("Belous", "Белоус", "벨로우스"), ("Kuznets", "Кузнец", "쿠즈네츠"),
            ("Orl", "Орл", "오를"), ("Lebed", "Лебед", "레베드"), ("Gromyk", "Громык", "그로믹"),
            ("Tkach", "Ткач", "트카치"), ("Zakharch", "Захарч", "자하르치"),
            ("Matviy", "Матвий", "마트비"), ("Shest", "Шест", "셰스트"), ("Rudn", "Рудн", "루드느"),
            ("Bars", "Барс", "바르스"), ("Golub", "Голуб", "골루브"), ("Medved", "Медвед", "메드베드"),
            ("Kamen", "Камен", "카멘"), ("Sever", "Север", "세베르"), ("Lesn", "Лесн", "레스느"),
            ("Ostrov", "Остров", "오스트로프"), ("Bogdan", "Богдан", "보그단"),
            ("Yermol", "Ермол", "예르몰"), ("Chern", "Черн", "체른"), ("Polyak", "Поляк", "폴랴크")]
RU_SUFFIX = [("ov", "ов", "오프"), ("ev", "ев", "예프"), ("in", "ин", "인"),
             ("enko", "енко", "옌코"), ("sky", "ский", "스키"), ("ovich", "ович", "오비치")]
PLACE_RU = [("Nakhodka", "Находка", "나홋카"), ("Khabarovsk", "Хабаровск", "하바롭스크"),
            ("Ussuriysk", "Уссурийск", "우수리스크"), ("Irkutsk", "Иркутск", "이르쿠츠크"),
            ("Novosibirsk", "Новосибирск", "노보시비르스크"), ("Kazan", "Казань", "카잔"),
            ("Tomsk", "Томск", "톰스크"), ("Blagoveshchensk", "Благовещенск", "블라고베셴스크"),
            ("Yakutsk", "Якутск", "야쿠츠크"), ("Omsk", "Омск", "옴스크"),
            ("Sochi", "Сочи", "소치"), ("Kursk", "Курск", "쿠르스크")]
PLACE_KO = [("Chongjin", "Чхонджин", "청진"), ("Hamhung", "Хамхын", "함흥"),
            ("Sinuiju", "Синыйджу", "신의주"), ("Kaesong", "Кэсон", "개성"),
            ("Nampo", "Нампхо", "남포"), ("Hyesan", "Хесан", "혜산"), ("Kanggye", "Канге", "강계"),
            ("Sariwon", "Сариуон", "사리원"), ("Haeju", "Хэджу", "해주"),
            ("Tumangang", "Туманган", "두만강"), ("Samjiyon", "Самджиён", "삼지연"),
            ("Masikryong", "Масикрён", "마식령")]
ORG_HEAD = [("Ministry", "Министерство"), ("Committee", "Комитет"), ("Commission", "Комиссия"),
            ("Agency", "Агентство"), ("Association", "Ассоциация"), ("Union", "Союз"),
            ("Council", "Совет"), ("Bureau", "Бюро"), ("Society", "Общество"),
            ("Centre", "Центр"), ("Fund", "Фонд"), ("Department", "Департамент")]
ORG_TOPIC = [("Foreign Affairs", "иностранных дел"), ("External Economic Relations",
             "внешнеэкономических связей"), ("Tourism", "по туризму"), ("Education",
             "образования"), ("Culture", "культуры"), ("Physical Culture and Sports",
             "физической культуры и спорта"), ("Railways", "железных дорог"),
             ("Fisheries", "рыболовства"), ("Youth Affairs", "по делам молодёжи"),
             ("Science and Technology", "науки и техники"), ("Trade", "торговли"),
             ("Energy", "энергетики"), ("Agriculture", "сельского хозяйства"),
             ("Public Health", "здравоохранения"), ("Friendship", "дружбы"),
             ("Cooperation", "сотрудничества"), ("Information", "информации")]
COMPANY_WORDS = ["Trading", "Shipping", "Logistics", "Mining", "Construction", "Textile",
                 "Fisheries", "Tours", "Rail", "Energy", "Seafood", "Timber", "Machinery"]
COMPANY_NAMES = ["Amnok", "Taedong", "Chollima", "Baikal", "Primorye", "Amur", "Tumen",
                 "Paektu", "Kumgang", "Sibir", "Vostok", "Okean", "Morning Calm", "Ural"]

PERSON_TITLES = ("Official", "Diplomat", "Deputy minister", "Governor", "Scholar", "Athlete",
                 "Artist", "Envoy")
ROLES = ["host", "guest", "delegation head", "signatory", "speaker", "organiser", "participant",
         "co-chair", "envoy", "observer", "sponsor", "operator", "witness", "recipient"]
UNITS = [("tourists", "tourists who travelled on the route"), ("tonnes", "tonnes of goods"),
         ("USD", "value of the agreement in US dollars"), ("km", "length of the route"),
         ("people", "participants of the delegation"), ("%", "growth of trade year on year"),
         ("students", "students on exchange"), ("workers", "workers sent abroad"),
         ("flights", "flights per week"), ("trains", "passenger trains per month"),
         ("roubles", "value in roubles"), ("vessels", "ships calling at the port")]

# A domain vocabulary, most frequent first (rank drives a Zipf-like weight).
COMMON = """the of and in to a on for with was by that at as from its is it were an which be
this after their two said also has had been visit talks Russia Russian North Korea Korean
DPRK Pyongyang Moscow delegation agreement cooperation sides meeting minister president
government foreign relations signed held new year first official leaders bilateral party
state between over more during week trade economic railway bridge tourist tourism group
border ship port route flights military troops exchange students university forum culture
sport youth sanctions energy supply aid food labour workers commission joint plan project
talks summit treaty partnership strategic comprehensive support statement ministry press
report reported expected announced planned proposed agreed visit visits visited arrived
returned opened launched resumed suspended construction built road crossing Tumen river
resort coast Wonsan Kalma Vladivostok Primorye Khasan Rason region governor envoy ambassador
embassy concert exhibition festival theatre film orchestra ballet athletes team match
championship school teachers science academy technology research medicine hospital doctors
grain wheat flour fertiliser fuel oil coal gas electricity power plant fish seafood timber
textiles goods cargo containers shipments customs checkpoint passenger train carriage
service schedule season summer winter spring autumn months days weeks numbers hundreds
thousands million billion percent growth volume value prices market fair companies
enterprise investment zone special economic development infrastructure modernisation
ammunition shells missiles artillery soldiers drills exercises defence security council
resolution violation enforcement panel experts observers allegations denied confirmed
satellite images analysts sources officials spokesperson newspaper agency television
broadcast interview speech address letter congratulations anniversary liberation victory
friendship solidarity brotherly neighbours allies mutual assistance clause article text
ratified parliament duma assembly presidium decree law bill vote session congress plenary
delegates members secretary chairman premier cabinet vice deputy head chief director
manager representative spokesman delegation-led working-level high-level""".split()

SYLLABLES = ["ka", "ro", "mi", "sun", "tel", "var", "dok", "lin", "pra", "zem", "nov",
             "gor", "bel", "chon", "ryo", "han", "vos", "tra", "kul", "mer", "sko", "pol",
             "dar", "vin", "ost", "lek", "sar", "tum", "ban", "gil"]


def _zipf_weights(n: int, s: float = 1.05) -> list[float]:
    acc, out = 0.0, []
    for r in range(1, n + 1):
        acc += 1.0 / (r ** s)
        out.append(acc)
    return out


class Gen:
    def __init__(self, n_events: int, seed: int) -> None:
        self.n = n_events
        self.rng = random.Random(f"nkru-bench:{seed}:{n_events}")
        rng = self.rng
        # Rare words: the long tail of a real vocabulary grows with the corpus.
        n_rare = max(500, n_events // 2)
        rare: set[str] = set()
        while len(rare) < n_rare:
            k = rng.choice((2, 2, 3, 3, 4))
            rare.add("".join(rng.choice(SYLLABLES) for _ in range(k)))
        self.words = COMMON + sorted(rare)
        self.cum = _zipf_weights(len(self.words))
        self.used_ids: set[str] = set()

    # ------------------------------------------------------------------ helpers

    def uid(self, base: str) -> str:
        base = "".join(c if c.isalnum() and c.isascii() else "-" for c in base.lower())
        base = "-".join(p for p in base.split("-") if p)[:80] or "x"
        rid, i = base, 2
        while rid in self.used_ids:
            rid = f"{base}-{i}"
            i += 1
        self.used_ids.add(rid)
        return rid

    def words_n(self, k: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cum, k=k)

    def text(self, target: int, names: list[str] | None = None) -> str:
        """Sentences of Zipf words (with actor names mixed in) of about ``target`` chars."""
        rng = self.rng
        out: list[str] = []
        size = 0
        while size < target:
            k = rng.randint(8, 18)
            ws = self.words_n(k)
            if names and rng.random() < 0.7:
                ws.insert(rng.randrange(len(ws)), rng.choice(names))
            if rng.random() < 0.2:
                ws.insert(rng.randrange(len(ws)), str(rng.choice((12, 40, 300, 1500, 2024))))
            s = " ".join(ws)
            s = s[0].upper() + s[1:] + "."
            out.append(s)
            size += len(s) + 1
        t = " ".join(out)
        return t

    def title(self, names: list[str]) -> str:
        rng = self.rng
        parts = [rng.choice(names)] if names else []
        parts += self.words_n(rng.randint(5, 9))
        t = " ".join(parts)
        t = t[0].upper() + t[1:]
        while len(t) < 45:
            t += " " + self.words_n(1)[0]
        if len(t) > 72:
            t = t[:72].rsplit(" ", 1)[0]
        return t

    def quote(self, names: list[str]) -> str:
        q = self.text(self.rng.randint(30, 160), names)
        q = q[:380].strip()
        return q if len(q) >= 12 else q + " according to the report"

    def date(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.55:
            y = rng.randint(2023, 2026)
        elif r < 0.8:
            y = rng.randint(2000, 2022)
        else:
            y = rng.randint(1950, 1999)
        f = rng.random()
        if f < 0.2:
            return f"{y:04d}"
        m = rng.randint(1, 12)
        if f < 0.5:
            return f"{y:04d}-{m:02d}"
        d = rng.randint(1, calendar.monthrange(y, m)[1])
        return f"{y:04d}-{m:02d}-{d:02d}"

    def end_after(self, date: str) -> str:
        y = int(date[:4])
        y2 = min(2026, y + self.rng.choice((0, 0, 1, 2)))
        if len(date) == 4 or y2 > y:
            return f"{y2:04d}"
        m = int(date[5:7])
        m2 = self.rng.randint(m, 12)
        if len(date) == 7 or m2 > m:
            return f"{y2:04d}-{m2:02d}"
        d = int(date[8:10])
        d2 = self.rng.randint(d, calendar.monthrange(y2, m2)[1])
        return f"{y2:04d}-{m2:02d}-{d2:02d}"

    def evidence(self, sources: list[str], names: list[str]) -> list[dict]:
        return [
            {"source": self.rng.choice(sources), "quote": self.quote(names)}
            for _ in range(self.rng.choice((1, 1, 2, 2, 3)))
        ]

    # ------------------------------------------------------------------ tables

    def sources(self) -> list[dict]:
        n = max(20, self.n // 50)
        out = []
        for i in range(n):
            h = self.rng.getrandbits(64)
            title = self.title([]).rstrip(".")
            out.append({
                "id": self.uid(f"s-synth-{i:05d}"),
                "title": title,
                "file": f"{i % 1000:03d}_{h:016x}.txt",
                "origin": self.rng.choice((
                    "A news report; it names no author.",
                    "An official statement of a ministry, dated in its text.",
                    "An analytical article; the outlet is named in the text.",
                    "A transcript of a press conference.",
                )),
            })
        return out

    def actors(self, sources: list[str]) -> list[dict]:
        rng = self.rng
        target = max(50, self.n // 20)
        out: list[dict] = []
        for aid, name, kind, country, aliases, desc in ANCHORS:
            self.used_ids.add(aid)
            out.append({"id": aid, "name": name, "kind": kind, "country": country,
                        "aliases": list(aliases), "description": desc,
                        "evidence": self.evidence(sources, [name])})
        kinds = ["person"] * 40 + ["organization"] * 18 + ["place"] * 15 + ["company"] * 12 + \
            ["institution"] * 8 + ["party"] * 2 + ["state"] * 2 + ["event"] * 3
        i = 0
        while len(out) < target:
            i += 1
            kind = rng.choice(kinds)
            if kind == "person":
                if rng.random() < 0.5:
                    sur = rng.choice(KO_SURNAMES)
                    g1, g2 = rng.sample(KO_SYL, 2)
                    given = f"{g1[0]} {g2[0].lower()}" if rng.random() < 0.3 else \
                        f"{g1[0]} {g2[0]}"
                    name = f"{sur[0]} {given}"
                    hangul = sur[1] + g1[1] + g2[1]
                    cyr = f"{sur[2]} {KO_CYR[g1[0]]} {KO_CYR[g2[0]]}"
                    aliases = [cyr, hangul, f"{sur[0]} {g1[0]}-{g2[0].lower()}"]
                    country = "KP"
                else:
                    fn = rng.choice(RU_FIRST)
                    root, suf = rng.choice(RU_ROOTS), rng.choice(RU_SUFFIX)
                    name = f"{fn[0]} {root[0]}{suf[0]}"
                    aliases = [f"{fn[1]} {root[1]}{suf[1]}", f"{fn[2]} {root[2]}{suf[2]}"]
                    country = "RU"
                desc = f"{rng.choice(PERSON_TITLES)} " \
                    f"of {'the DPRK' if country == 'KP' else 'Russia'}; " + self.text(60)
            elif kind == "place":
                if rng.random() < 0.5:
                    lat, cyr, ko = rng.choice(PLACE_RU)
                    country = "RU"
                else:
                    lat, cyr, ko = rng.choice(PLACE_KO)
                    country = "KP"
                suffix = rng.choice(("", " Port", " Station", " District", " Bay", " Airport"))
                name = lat + suffix
                aliases = [cyr + ("" if not suffix else f" ({suffix.strip().lower()})"), ko]
                desc = f"A place in {'Russia' if country == 'RU' else 'the DPRK'}. " + \
                    self.text(50)
            elif kind in ("organization", "institution", "party", "state", "event"):
                head, topic = rng.choice(ORG_HEAD), rng.choice(ORG_TOPIC)
                country = rng.choice(("KP", "RU", "RU", "KP", "CN", "UN", "INT", None))
                where = {"KP": "the DPRK", "RU": "Russia", "CN": "China", "UN": "the UN",
                         "INT": "Asia", None: "Eurasia"}[country]
                if kind == "institution":
                    name = f"{rng.choice(('University', 'Institute', 'Academy', 'Theatre'))}" \
                        f" of {topic[0]} of {where}"
                elif kind == "event":
                    name = f"{topic[0]} Forum {rng.randint(1990, 2026)}"
                else:
                    name = f"{head[0]} of {topic[0]} of {where}"
                abbr = "".join(w[0] for w in name.replace("of ", "").split() if w[0].isupper())
                aliases = [abbr, f"{head[1]} {topic[1]}"]
                if country == "KP":
                    aliases.append("".join(s[1] for s in rng.sample(KO_SYL, 3)) + "위원회")
                desc = self.text(120)
            else:  # company
                name = f"{rng.choice(COMPANY_NAMES)} {rng.choice(COMPANY_WORDS)} " \
                    f"{rng.choice(('Company', 'LLC', 'Corporation', 'Joint Venture'))}"
                country = rng.choice(("KP", "RU", "CN", None))
                aliases = [name.upper().split()[0] + " " + name.split()[1].upper()]
                desc = self.text(100)
            aid = self.uid(name)
            if aid != self._slug(name):
                name = f"{name} ({len(out)})"  # keep names distinct, as curated ones are
            out.append({"id": aid, "name": name, "kind": kind, "country": country,
                        "aliases": aliases, "description": desc,
                        "evidence": self.evidence(sources, [name])})
        return out

    @staticmethod
    def _slug(s: str) -> str:
        s = "".join(c if c.isalnum() and c.isascii() else "-" for c in s.lower())
        return "-".join(p for p in s.split("-") if p)[:80] or "x"

    def events(self, sources: list[str], actors: list[dict]) -> list[dict]:
        rng = self.rng
        anchors = [a for a in actors[: len(ANCHORS)]]
        others = actors[len(ANCHORS):]
        places = [a for a in actors if a["kind"] == "place"]
        out = []
        for i in range(self.n):
            k = rng.randint(2, 5)
            chosen: list[dict] = []
            ids: set[str] = set()
            while len(chosen) < k:
                a = rng.choice(anchors) if rng.random() < 0.25 or not others else \
                    rng.choice(others)
                if a["id"] not in ids:
                    ids.add(a["id"])
                    chosen.append(a)
            names = [a["name"] for a in chosen]
            date = self.date()
            title = self.title(names[:2])
            ev: dict = {"id": self.uid(f"{date}-{' '.join(title.split()[:5])}"), "date": date}
            if rng.random() < 0.1:
                ev["end_date"] = self.end_after(date)
            if rng.random() < 0.05:
                ev["date_inferred"] = True
                ev["date_note"] = "Inferred from the publication context: " + self.text(40)
            ev["title"] = title
            ev["summary"] = self.text(rng.randint(250, 430), names)
            ev["sectors"] = rng.sample(SECTORS, rng.choice((1, 1, 2, 2, 3)))
            ev["actors"] = [
                {"id": a["id"], "role": rng.choice(ROLES)} if rng.random() < 0.8
                else {"id": a["id"]}
                for a in chosen
            ]
            npl = rng.choice((0, 1, 1, 2))
            ev["places"] = sorted({rng.choice(places)["id"] for _ in range(npl)})
            ev["figures"] = []
            for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
                unit, counts = rng.choice(UNITS)
                v = rng.choice((rng.randint(1, 999), rng.randint(1000, 10**6),
                                round(rng.uniform(0.5, 99.5), 1)))
                fig = {"value": v, "unit": unit, "counts": counts}
                if rng.random() < 0.3:
                    fig["approx"] = True
                ev["figures"].append(fig)
            if rng.random() < 0.25:
                ev["status"] = rng.choice(STATUSES)
            if rng.random() < 0.3:
                ev["type"] = rng.choice(EVENT_TYPES)
            ev["evidence"] = self.evidence(sources, names)
            out.append(ev)
        return out

    def relations(self, sources: list[str], actors: list[dict]) -> list[dict]:
        rng = self.rng
        out = []
        for _ in range(max(50, self.n // 4)):
            s, o = rng.sample(actors, 2)
            typ = rng.choice(RELATION_TYPES)
            rel: dict = {"id": self.uid(f"r-{s['id'][:30]}-{typ}-{o['id'][:30]}"), "type": typ,
                         "subject": s["id"], "object": o["id"]}
            if rng.random() < 0.6:
                rel["date"] = self.date()
                if rng.random() < 0.1:
                    rel["end_date"] = self.end_after(rel["date"])
            if rng.random() < 0.1:
                rel["inferred"] = True
                rel["note"] = "Inferred: " + self.text(40)
            elif rng.random() < 0.2:
                rel["note"] = self.text(60)
            rel["evidence"] = self.evidence(sources, [s["name"], o["name"]])
            out.append(rel)
        return out

    def store(self) -> dict:
        sources = self.sources()
        sids = [s["id"] for s in sources]
        actors = self.actors(sids)
        events = self.events(sids, actors)
        relations = self.relations(sids, actors)

        def table(rows: list[dict]) -> dict:
            return {str(i): r for i, r in enumerate(rows, 1)}

        return {
            "meta": {"1": {"schema": 1, "name": f"synthetic benchmark store ({self.n} events)",
                           "built": "2026-01-01"}},
            "sources": table(sources),
            "actors": table(actors),
            "events": table(events),
            "relations": table(relations),
        }


def parse_size(text: str) -> int:
    t = text.strip().lower()
    mult = 1
    if t.endswith("k"):
        mult, t = 1000, t[:-1]
    elif t.endswith("m"):
        mult, t = 1_000_000, t[:-1]
    return int(float(t) * mult)


def size_label(n: int) -> str:
    return f"{n // 1000}k" if n % 1000 == 0 and n >= 1000 else str(n)


def generate(n: int, seed: int = DEFAULT_SEED) -> dict:
    return Gen(n, seed).store()


def write_store(n: int, out: Path, seed: int = DEFAULT_SEED) -> Path:
    data = generate(n, seed)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + f".tmp{os.getpid()}")
    with open(tmp, "w", encoding="utf-8") as f:
        # TinyDB's own layout: compact separators would be smaller, but TinyDB writes
        # json.dumps defaults (", ", ": "), so the benchmark reads what TinyDB would write.
        json.dump(data, f, ensure_ascii=False)
    os.replace(tmp, out)
    return out


def cached_store(n: int, seed: int = DEFAULT_SEED, directory: Path = STORES) -> Path:
    """The store for ``n`` events and ``seed`` under benchmarks/stores/, generated once."""
    out = directory / f"synth-{size_label(n)}-s{seed}-v{VERSION}.json"
    if not out.exists():
        write_store(n, out, seed)
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", help="number of events (e.g. 1000, 10k, 100k)")
    ap.add_argument("out", type=Path, help="output JSON file")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    a = ap.parse_args(argv)
    n = parse_size(a.n)
    write_store(n, a.out, a.seed)
    print(f"{a.out}: {n} events, {a.out.stat().st_size / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
