"""The synthetic corpus's vocabulary: a lexicon of about 12,000 lemmas (some 100,000
Russian and 30,000 English word forms), each a *concept* with its Russian forms and
its English ones, so a document's English version translates its Russian one.

A few hundred concepts are real words, written out here with their case forms: the
function words at the top of the frequency list, then the vocabulary of the collected
works (``партия``, ``переговоры``, ``урожай``), spread over the ranks from common to
rare. The rest are made-up stems of Russian and English shape with the real
inflectional endings (``скравость``/``скравости``, ``brondation``/``brondations``),
generated from a fixed seed. Order is rank: ``synth`` draws lemmas with a
Zipf–Mandelbrot law over it, so a researcher's word is found in a realistic share of
the texts (a word of rank 100 in about half of them, of rank 10,000 in one in a
hundred) and not in nearly all of them.
"""

from __future__ import annotations

import functools
import itertools
import math
import random
import re
from dataclasses import dataclass

LEMMAS = 12_000
ZIPF_S, ZIPF_Q = 1.0, 2.7  # weight of rank r: 1 / (r + q) ** s

# Function words, most frequent first: "ru | en", forms separated by spaces; an empty
# side is a word the other language has no counterpart for (the, же).
_FUNCTION = """
и | and
в во | in into
| the
не | not
на | on
| of
что | that what
с со | with
| a an
по | along under
к ко | to towards
| to
он его ему им нем | he him his
это | it this
как | as how
| is was
о об | about
из | from
мы нас нам нами | we us our
они их им ими них | they them their
для | for
от | from
быть был была было были будет будут | be was were been will
этот эта эти этого этой этому этим этих | this these
который которая которое которые которого которой которому которым которых | which who
но | but
весь вся все всего всей всех всем | all whole
вы вас вам вами | you your
же |
так | so thus
за | for behind
а | while whereas
уже | already
| have has had
только | only
бы | would
если | if
или | or
также | also
еще | still yet
когда | when
чтобы | in order
может могут можно | may can could
без | without
свой своя свои своего своей своих | own
при | under during
после | after
до | before until
такой такая такое такие такого таких | such
нужно надо необходимо | necessary must
ли |
через | through
между | between
против | against
ведь |
"""

# Real content words, in three bands of rank: common (40–400), middle (400–3,000) and
# rare (3,000–12,000); within a band the order of the list is the order of rank.
# "lemma/class" inflects by a class of _RU_CLASSES; "=forms" lists the forms as they are
# (separated by commas where a form is a phrase: the collocations of the texts).
_COMMON = """
вопрос/m | question questions
партия/ia | party parties
товарищ/m | comrade comrades
работа/f | work
правительство/n | government governments
война/f | war wars
страна/f | country countries
народ/m | people peoples
решение/ie | decision decisions
дело/n | matter affairs
=время времени временем времена | time times
=год года году годом годы годов лет годам | year years
сила/f | force forces strength
положение/ie | situation position
задача/f | task tasks
власть/soft | power
союз/m | union alliance
=рабочий рабочего рабочие рабочих рабочим рабочими | worker workers working
класс/m | class classes
государство/n | state states
политика/f | policy politics
член/m | member members
комитет/m | committee committees
центральный/adj | central
советский/adj | Soviet
международный/adj | international
военный/adj | military
новый/adj | new
=большой большая большое большие большого большим больших | great large
=должен должна должно должны | must should
=считать считаю считаем считает считал считали | consider considers considered
=дать даст дал дали дано давать | give gave given
=сказать сказал сказали говорит говорить | say said says
=иметь имеет имеют имел имели | have has had
=получить получил получили получит | receive received receives
помощь/soft | assistance help
армия/ia | army armies
враг/m | enemy enemies
мир/m | peace world
социализм/m | socialism
революция/ia | revolution revolutions
интерес/m | interest interests
борьба/f | struggle
хозяйство/n | economy
"""

_MIDDLE = """
дивизия/ia | division divisions
фронт/m | front fronts
переговор/pl | negotiations talks
договор/m | treaty treaties
соглашение/ie | agreement agreements
мирный/adj | peaceful
промышленность/soft | industry
хлеб/m | grain bread
=крестьянин крестьянина крестьяне крестьян крестьянам крестьянами | peasant peasants
план/m | plan plans
оборона/f | defence
наступление/ie | offensive offensives
=войска войск войскам войсками | troops
флот/m | fleet navy
граница/f | border frontier
территория/ia | territory territories
район/m | district districts
область/soft | region regions
=посол посла послу послом послы послов | ambassador ambassadors
делегация/ia | delegation delegations
конференция/ia | conference conferences
совещание/ie | meeting meetings
съезд/m | congress congresses
пленум/m | plenum
=представитель представителя представители представителей | representative representatives
телеграмма/f | telegram telegrams
=письмо письма письму письмом письме писем | letter letters
ответ/m | reply answer
сообщение/ie | message messages
информация/ia | information
=оружие оружия оружием | weapons arms
снабжение/ie | supply supplies
безопасность/soft | security
независимость/soft | independence
экономика/f | economics
=торговля торговли торговле торговлю торговлей | trade
кредит/m | credit credits
оппозиция/ia | opposition
уклон/m | deviation deviations
буржуазия/ia | bourgeoisie
капитализм/m | capitalism
империализм/m | imperialism
коммунизм/m | communism
организация/ia | organization organizations
кадр/pl | cadres
резерв/m | reserve reserves
противник/m | adversary adversaries
победа/f | victory victories
поражение/ie | defeat defeats
движение/ie | movement movements
республика/f | republic republics
народный/adj | national
коммунистический/adj | communist
китайский/adj | Chinese
японский/adj | Japanese
американский/adj | American
корейский/adj | Korean
германский/adj | German
английский/adj | British
=срочно | urgently
=немедленно | immediately
секретный/adj | secret
директива/f | directive directives
приказ/m | order orders
доклад/m | report reports
отчет/m | account accounts
=статья статьи статье статью статьей статей | article articles
газета/f | newspaper newspapers
печать/soft | press
ленинский/adj | Leninist
ленинизм/m | Leninism
марксизм/m | Marxism
теория/ia | theory theories
практика/f | practice
завод/m | factory factories
фабрика/f | mill mills
дорога/f | road railway
транспорт/m | transport
металл/m | metal
=рабочий класс, рабочего класса, рабочему классу, рабочим классом | working class
=Центральный Комитет, Центрального Комитета, Центральному Комитету | Central Committee
=Красная Армия, Красной Армии, Красную Армию, Красной Армией | Red Army
=народное хозяйство, народного хозяйства, народному хозяйству | national economy
=военная помощь, военной помощи, военную помощь, военной помощью | military assistance
=сельское хозяйство, сельского хозяйства, сельскому хозяйству | agriculture
=пятилетний план, пятилетнего плана, пятилетнему плану | five-year plan
"""

_RARE = """
=урожай урожая урожаю урожаем урожае урожаи урожаев | harvest harvests
=хлебозаготовки, хлебозаготовок, хлебозаготовках | grain procurement, grain procurements
артиллерия/ia | artillery
танк/m | tank tanks
снаряд/m | shell shells
самолет/m | aircraft
кулак/m | kulak kulaks
коллективизация/ia | collectivization
индустриализация/ia | industrialization
троцкизм/m | Trotskyism
троцкист/m | Trotskyist Trotskyists
шахта/f | mine mines
электростанция/ia | power-station power-stations
=мирный договор, мирного договора, мирному договору, мирным договором | peace treaty, peace treaties
=второй фронт, второго фронта, второму фронту, вторым фронтом | second front
=мировая революция, мировой революции, мировую революцию | world revolution
репарация/ia | reparations
оккупация/ia | occupation
капитуляция/ia | capitulation surrender
перемирие/ie | armistice truce
плацдарм/m | bridgehead
=доброволец добровольца добровольцы добровольцев добровольцами | volunteer volunteers
мобилизация/ia | mobilization
эвакуация/ia | evacuation
блокада/f | blockade
окружение/ie | encirclement
десант/m | landing landings
партизан/m | partisan partisans
шпион/m | spy spies
вредительство/n | sabotage wrecking
голод/m | famine hunger
засуха/f | drought
посев/m | sowing
трактор/m | tractor tractors
совхоз/m | sovkhoz
колхоз/m | kolkhoz kolkhozes
кооперация/ia | cooperation
профсоюз/m | trade-union
комсомол/m | Komsomol
интеллигенция/ia | intelligentsia
бюрократизм/m | bureaucracy
самокритика/f | self-criticism
дисциплина/f | discipline
=уголь угля углю углем угле | coal
нефть/soft | oil
сталь/soft | steel
"""

# Russian inflection classes: how a lemma's stem is cut, and the endings put back.
_RU_CLASSES: dict[str, tuple[int, tuple[str, ...]]] = {
    "m": (0, ("", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах")),
    "f": (1, ("а", "ы", "е", "у", "ой", "", "ам", "ами", "ах")),
    "n": (1, ("о", "а", "у", "ом", "е", "", "ам", "ами", "ах")),
    "ie": (2, ("ие", "ия", "ию", "ием", "ии", "ий", "иям", "иями", "иях")),
    "ia": (2, ("ия", "ии", "ию", "ией", "ий", "иям", "иями", "иях")),
    "soft": (1, ("ь", "и", "ью", "ей", "ям", "ями", "ях")),
    "adj": (2, ("ый", "ая", "ое", "ые", "ого", "ой", "ому", "ым", "ую", "ых", "ыми", "ом")),
    "pl": (0, ("ы", "ов", "ам", "ами", "ах")),
    "verb_a": (0, ("ать", "аю", "ает", "ают", "ал", "ала", "али", "ано", "ая", "аем")),
    "verb_i": (0, ("ить", "ю", "ит", "ят", "ил", "ила", "или", "ено", "ив", "им")),
}
_HUSHING = re.compile(r"([кгхжшчщ])ы")  # after these, ы is spelt и (враги, советские)
_HUSHING_IOTA = re.compile(r"([жшчщ])([юя])")  # and ю, я are spelt у, а
_SIBILANT_O = re.compile(r"([жшчщц])о(в|м|й)$")  # товарищей, товарищем, границей


def _spell(form: str) -> str:
    form = _HUSHING.sub(r"\1и", form)
    form = _HUSHING_IOTA.sub(lambda m: m[1] + ("у" if m[2] == "ю" else "а"), form)
    return _SIBILANT_O.sub(lambda m: m[1] + ("ей" if m[2] == "в" else "е" + m[2]), form)


def inflect(lemma: str, cls: str) -> tuple[str, ...]:
    """The forms of a Russian lemma of class ``cls``, the lemma first."""
    cut, endings = _RU_CLASSES[cls]
    stem = lemma[: len(lemma) - cut] if cut else lemma
    if cls == "pl":
        return tuple(_spell(stem + e) for e in endings)
    return tuple(dict.fromkeys(_spell(stem + e) for e in endings))


@dataclass(frozen=True, slots=True)
class Lemma:
    """One concept: its Russian forms and its English forms (most frequent first);
    an empty side is not printed in that language."""

    ru: tuple[str, ...]
    en: tuple[str, ...]
    real: bool = True


def _parse(block: str) -> list[Lemma]:
    out = []
    for line in block.strip().splitlines():
        sep = "," if "," in line else None  # a line with phrases separates forms by commas
        ru, _, en = (s.strip() for s in line.partition("|"))
        if "/" in ru:
            forms = inflect(*ru.split("/"))
        else:
            forms = tuple(f.strip() for f in ru.removeprefix("=").split(sep))
        out.append(Lemma(forms, tuple(f.strip() for f in en.split(sep))))
    return out


FUNCTION_WORDS = _parse(_FUNCTION)
COMMON, MIDDLE, RARE = _parse(_COMMON), _parse(_MIDDLE), _parse(_RARE)
BANDS = ((COMMON, 40, 400), (MIDDLE, 400, 3000), (RARE, 3000, LEMMAS))


def _units(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Made-up stems: Russian and English syllables, weighted by repetition.
_RU_ONSETS = _units(
    "б в г д з к л м н п р с т ф х ч ш ж ц бр вр гр др кр пр тр ст ск сп сл пл бл гл кл зв св "
    "тв дв зн сн см вл мл п к т с н р л д в м"
)
_RU_VOWELS = _units("а а а о о о о е е е и и у у ы я ю")
_RU_CODAS = _units("н т к р л в с м д п ст нт рт рк нк лк вр зд ск")
_RU_PREFIXES = _units("по при пере вы за от про раз со у под на до")
_EN_ONSETS = _units(
    "b c d f g h l m n p r s t v w br cr dr pr tr st sp sl pl bl cl gr fl ch sh th "
    "b d l m n p r s t"
)
_EN_VOWELS = _units("a a e e i o o u ea ou ai ee oa")
_EN_CODAS = _units("n t r l s nd nt st rk ck m ll ss rd ft lt mp sh")
# class: (weight, English suffixes of the same part of speech)
_GEN_CLASSES: dict[str, tuple[int, tuple[str, ...]]] = {
    "m": (26, ("", "er", "age", "ism")),
    "f": (20, ("", "ure", "ance")),
    "n": (6, ("", "um")),
    "ie": (10, ("tion", "ment")),
    "ia": (3, ("ia", "ery")),
    "soft": (5, ("ity", "ness")),
    "adj": (18, ("al", "ic", "ive", "ous", "ary")),
    "verb_a": (6, ("ate", "")),
    "verb_i": (6, ("ify", "ize", "")),
}
_GEN_NAMES = list(_GEN_CLASSES)
_GEN_CW = list(itertools.accumulate(w for w, _ in _GEN_CLASSES.values()))
# Words the parser reads specially at the start of a line, and the real words'
# beginnings: a made-up word must not stem like a real one (or a query would match it).
_RESERVED_PREFIXES = ("том", "там", "source", "note", "ibid", "прим")


def _ru_stem(rng: random.Random) -> str:
    syllables = rng.choice((1, 1, 1, 2, 2, 3))
    stem = "".join(rng.choice(_RU_ONSETS) + rng.choice(_RU_VOWELS) for _ in range(syllables))
    return stem + rng.choice(_RU_CODAS)


def _en_stem(rng: random.Random) -> str:
    syllables = rng.choice((1, 1, 1, 2, 2))
    stem = "".join(rng.choice(_EN_ONSETS) + rng.choice(_EN_VOWELS) for _ in range(syllables))
    return stem + rng.choice(_EN_CODAS)


def _ru_forms(rng: random.Random, cls: str) -> tuple[str, ...]:
    stem = _ru_stem(rng)
    if cls == "ie":
        stem += rng.choice(("ен", "ан", "ств", "ован"))
    elif cls == "soft":
        stem += rng.choice(("ост", "ност"))
    elif cls == "adj":
        stem += rng.choice(("н", "ск", "овн", "ическ", "енн"))
    elif cls.startswith("verb") and rng.random() < 0.5:
        stem = rng.choice(_RU_PREFIXES) + stem
    lemma = stem + _RU_CLASSES[cls][1][0]
    cut = _RU_CLASSES[cls][0]
    return inflect(lemma if cut else stem, cls)


def _en_forms(rng: random.Random, cls: str, suffixes: tuple[str, ...]) -> tuple[str, ...]:
    base = _en_stem(rng) + rng.choice(suffixes)
    if cls == "adj":
        return (base,)
    if cls.startswith("verb"):
        root = base[:-1] if base.endswith("e") else base
        return (base, base + "s", root + "ed", root + "ing")
    plural = base[:-1] + "ies" if base.endswith("y") else base + ("es" if base[-1] in "sh" else "s")
    return (base, plural)


def _generated(n: int, real: list[Lemma]) -> list[Lemma]:
    """``n`` made-up lemmas, the same ones every time: none shares a form, or the first
    five letters of its first form, with a real word, nor a first form with another."""
    forms = {f.lower() for lemma in real for f in (*lemma.ru, *lemma.en)}
    prefixes = {f[:5] for f in forms if len(f) >= 5}
    rng = random.Random("lexicon/1")
    out: list[Lemma] = []
    seen: set[str] = set()
    while len(out) < n:
        cls = rng.choices(_GEN_NAMES, cum_weights=_GEN_CW)[0]
        ru = _ru_forms(rng, cls)
        en = _en_forms(rng, cls, _GEN_CLASSES[cls][1])
        if (
            {ru[0], en[0]} & seen
            or {ru[0][:5], en[0][:5]} & prefixes
            or forms.intersection(ru + en)
            or ru[0].startswith(_RESERVED_PREFIXES)
            or en[0].startswith(_RESERVED_PREFIXES)
        ):
            continue
        seen |= {ru[0], en[0]}
        out.append(Lemma(ru, en, real=False))
    return out


@dataclass(frozen=True, slots=True)
class Lexicon:
    lemmas: tuple[Lemma, ...]  # by rank
    cum_weights: tuple[float, ...]  # Zipf–Mandelbrot, for random.choices
    content_from: int  # first rank after the function words
    content_cw: tuple[float, ...]  # the cumulative weights of the ranks from content_from

    def rank(self, word: str) -> int:
        """The rank of the lemma with this Russian or English form (for reports)."""
        for r, lemma in enumerate(self.lemmas):
            if word in lemma.ru or word in lemma.en:
                return r
        raise KeyError(word)


@functools.cache
def lexicon() -> Lexicon:
    """The lexicon, by rank: function words first, the real words spread log-uniformly
    over their bands, made-up lemmas in every other rank."""
    slots: list[Lemma | None] = [None] * LEMMAS
    slots[: len(FUNCTION_WORDS)] = FUNCTION_WORDS
    for words, lo, hi in BANDS:
        for i, lemma in enumerate(words):
            r = round(lo * (hi / lo) ** (i / len(words)))
            while slots[r] is not None:
                r += 1
            slots[r] = lemma
    real = [lemma for lemma in slots if lemma is not None]
    fresh = iter(_generated(LEMMAS - len(real), real))
    lemmas = tuple(lemma if lemma is not None else next(fresh) for lemma in slots)
    weights = [1 / (r + ZIPF_Q) ** ZIPF_S for r in range(LEMMAS)]
    first = len(FUNCTION_WORDS)
    return Lexicon(
        lemmas,
        tuple(itertools.accumulate(weights)),
        first,
        tuple(itertools.accumulate(weights[first:])),
    )


def expected_share(rank: int, tokens: int = 650) -> float:
    """The share of texts of ``tokens`` words in which a lemma of ``rank`` appears at
    least once, without the topical repetition ``synth`` adds."""
    lex = lexicon()
    p = 1 / (rank + ZIPF_Q) ** ZIPF_S / lex.cum_weights[-1]
    return 1 - math.exp(-tokens * p)
