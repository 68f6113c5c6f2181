"""Extraction speed of Korean and Khmer text against English, in one process.

    .venv/bin/python benchmarks/extract_speed_lang.py [--mb 1.0] [--repeat 3] [--check]

Each language's corpus is built like the English one of ``extract_speed.py``
(deterministic, ``--seed``): its sample documents (``examples/<lang>/*.txt``,
about 1 part in 4 by size) and generated news prose in that language on
politics, sport, weather and culture (3 parts in 4), most of it out of scope,
some of it with figures that are no indicators. The three corpora are timed
in the same process, alternately, ``--repeat`` times; MB means 10**6 bytes of
UTF-8 (a Hangul or Khmer character takes 3 bytes, a Latin one 1, so a MB of
Korean or Khmer holds about a third as many characters as a MB of English).

Target (from issue 6): each language within 2x of English throughput per MB,
i.e. its median MB/s at least half the English median. Exits 1 on a miss only
with ``--check``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import extract_speed as en  # noqa: E402  (the English benchmark's corpus and timing)

import bilateral  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
TARGET_RATIO = 0.5  # at least half the English MB/s: "within 2x"

PICK = {
    "ko": {
        "city": ["부산", "대구", "광주", "인천", "대전", "울산", "수원", "창원", "전주", "춘천"],
        "name": ["김민수", "이지은", "박서준", "최유진", "정하늘", "한도윤", "오세영", "윤태호"],
        "team": ["유나이티드", "시티", "타이거즈", "라이온즈", "베어스", "이글스"],
        "policy": ["연금 개혁", "주택 공급 대책", "교육 예산", "버스 요금 인상", "의료 개혁", "지방 분권"],
        "art": ["조선 백자", "근대 사진", "현대 도예", "민화", "고려 불화"],
        "weekday": ["월요일", "화요일", "수요일", "목요일", "금요일", "토요일", "일요일"],
    },
    "km": {
        "city": ["សៀមរាប", "បាត់ដំបង", "កំពត", "ព្រះសីហនុ", "កំពង់ចាម", "តាកែវ", "ពោធិ៍សាត់"],
        "name": ["សុខ ដារ៉ា", "ចាន់ សុភា", "ហេង វិចិត្រ", "លី ស្រីនាង", "គឹម សុវណ្ណ", "ពេជ្រ រតនា"],
        "team": ["ក្លិបភ្នំពេញ", "ក្លិបអង្គរ", "ក្លិបសៀមរាប", "ក្លិបបាត់ដំបង"],
        "policy": ["កំណែទម្រង់ពន្ធ", "ថវិកាអប់រំ", "ផ្លូវថ្នល់ជនបទ", "សេវាសុខាភិបាល", "ទឹកស្អាត"],
        "art": ["ចម្លាក់បុរាណ", "គំនូរសម័យថ្មី", "សិល្បៈត្បាញ", "របាំប្រពៃណី"],
        "weekday": ["ច័ន្ទ", "អង្គារ", "ពុធ", "ព្រហស្បតិ៍", "សុក្រ", "សៅរ៍", "អាទិត្យ"],
    },
}

PROSE = {
    "ko": [
        "{name} 의원은 {city}에서 기자들과 만나 {policy}에 대한 당의 입장을 다시 검토하겠다고 말했다.",
        "야당은 {policy} 법안이 졸속으로 처리됐다며 반발했다.",
        "국회 본회의는 밤늦게까지 이어졌지만 표결은 이뤄지지 않았다.",
        "{weekday} 발표된 여론조사에서 정당 지지율은 {pct}%로 나타났다.",
        "{team}은 {weekday} 홈경기에서 {score}로 이겼고, {name}이 두 골을 넣었다.",
        "이날 경기장에는 관중 {crowd}명이 모였다.",
        "감독은 선수들의 투지를 칭찬하면서도 수비 실수를 지적했다.",
        "기상청은 주말 동안 {city} 등 남부 지방에 많은 비가 내리겠다고 예보했다.",
        "{city}의 낮 최고기온은 {temp}도까지 올라 올해 들어 가장 더웠다.",
        "강풍으로 나무가 쓰러지고 일부 마을에 전기가 끊겼다.",
        "{city} 시립미술관에서 {art} 특별전이 다음 달 개막한다.",
        "이번 전시에는 {pieces}점이 넘는 작품이 나온다.",
        "공연 입장권은 예매 시작 몇 시간 만에 모두 팔렸다.",
    ],
    "km": [
        "លោក {name} បានប្រាប់អ្នកកាសែតនៅខេត្ត{city} ថា គណបក្សនឹងពិនិត្យឡើងវិញលើ{policy} ។",
        "ក្រុមអ្នករិះគន់បាននិយាយថា សំណើស្តីពី{policy} មិនទាន់មានព័ត៌មានលម្អិតគ្រប់គ្រាន់ ។",
        "កិច្ចប្រជុំសភាបានបន្តរហូតដល់យប់ ប៉ុន្តែមិនទាន់មានការបោះឆ្នោតនៅឡើយ ។",
        "{team} បានឈ្នះ {score} កាលពីថ្ងៃ{weekday} ហើយកីឡាករ {name} បានស៊ុតបញ្ចូលទីពីរគ្រាប់ ។",
        "អ្នកគាំទ្រប្រមាណ {crowd} នាក់ បានមកទស្សនាការប្រកួតនោះ ។",
        "គ្រូបង្វឹកបានសរសើរកីឡាកររបស់ខ្លួន ប៉ុន្តែបានទទួលស្គាល់កំហុសនៅខ្សែការពារ ។",
        "ក្រសួងធនធានទឹកបានព្យាករថា នឹងមានភ្លៀងធ្លាក់ខ្លាំងនៅខេត្ត{city} នៅចុងសប្តាហ៍នេះ ។",
        "សីតុណ្ហភាពនៅខេត្ត{city} បានឡើងដល់ {temp} អង្សាសេ ។",
        "ខ្យល់កន្ត្រាក់បានបោកបក់ដើមឈើរលំ និងផ្តាច់ចរន្តអគ្គិសនីនៅភូមិមួយចំនួន ។",
        "ពិព័រណ៍{art} នឹងបើកនៅសារមន្ទីរខេត្ត{city} នៅខែក្រោយ ។",
        "ពិព័រណ៍នេះមានស្នាដៃជាង {pieces} ដែលមិនធ្លាប់បង្ហាញពីមុនមក ។",
        "សំបុត្រចូលទស្សនាការសម្តែងត្រូវបានលក់អស់ក្នុងរយៈពេលប៉ុន្មានម៉ោង ។",
    ],
}

KHMER_DIGITS = str.maketrans({str(i): chr(0x17E0 + i) for i in range(10)})


def _fill(lang: str, template: str, rng: random.Random) -> str:
    values = {k: rng.choice(v) for k, v in PICK[lang].items() if "{" + k + "}" in template}
    numbers = {"pct": rng.randint(18, 44), "score": f"{rng.randint(0, 4)}-{rng.randint(0, 3)}",
               "crowd": f"{rng.randint(11, 95)},{rng.randint(0, 999):03d}", "temp": rng.randint(-8, 38),
               "pieces": rng.randrange(150, 2000, 50)}
    text = template.format(**values, **numbers)
    return text.translate(KHMER_DIGITS) if lang == "km" else text


def filler_doc(lang: str, index: int, rng: random.Random) -> en.Doc:
    lines = [_fill(lang, " ".join(rng.sample(PROSE[lang], rng.randint(1, 4))), rng) for _ in range(rng.randint(5, 10))]
    published = f"{rng.randint(2005, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    return en.Doc("\n".join(lines) + "\n", published, f"filler-{lang}-{index:05d}", "filler")


def sample_docs(lang: str) -> list[en.Doc]:
    docs = []
    for path in sorted((ROOT / "examples" / lang).glob("*.txt")):
        meta_path = path.with_name(path.name + ".meta.json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        docs.append(en.Doc(path.read_text(encoding="utf-8"), meta.get("published"), path.stem, "sample"))
    return docs


def build_corpus(lang: str, total_bytes: int, seed: int) -> list[en.Doc]:
    if lang == "en":
        return en.build_corpus(total_bytes, seed)
    rng = random.Random(seed)
    samples = sample_docs(lang)
    docs: list[en.Doc] = []
    size = 0
    while size < total_bytes / 4:
        docs.append(samples[len(docs) % len(samples)])
        size += docs[-1].nbytes
    while size < total_bytes:
        docs.append(filler_doc(lang, len(docs), rng))
        size += docs[-1].nbytes
    rng.shuffle(docs)
    return docs


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0, help="MB of text per language (default 1.0)")
    ap.add_argument("--repeat", type=int, default=3, help="timed runs per language (default 3)")
    ap.add_argument("--seed", type=int, default=20240601)
    ap.add_argument("--check", action="store_true", help="exit 1 when a language misses the target")
    args = ap.parse_args(argv)
    langs = ["en", "ko", "km"]
    corpora = {lang: build_corpus(lang, int(args.mb * en.MB), args.seed) for lang in langs}
    for lang in langs:  # warm up: rule tables compile lazily
        d = next(x for x in corpora[lang] if x.kind == "sample")
        bilateral.extract(d.text, published=d.published, doc_id=d.doc_id)
    seconds: dict[str, list[float]] = {lang: [] for lang in langs}
    records: dict[str, int] = {}
    for _ in range(max(1, args.repeat)):
        for lang in langs:  # alternate, so that a busy moment of the machine hits all alike
            out: list[int] = []
            seconds[lang].append(en.cpu_seconds(lambda lang=lang, out=out: out.extend(
                len(bilateral.extract(d.text, published=d.published, doc_id=d.doc_id)) for d in corpora[lang])))
            records[lang] = sum(out)
    print(f"CPU time of one process, {args.repeat} run(s) per language, seed {args.seed}\n")
    print(f"{'lang':<6}{'docs':>6}{'MB':>7}{'chars':>10}{'MB/s best':>11}{'median':>9}{'vs en':>8}{'records':>9}")
    en_median = None
    ok = True
    for lang in langs:
        docs = corpora[lang]
        t = en.Timing(lang, sum(d.nbytes for d in docs), seconds[lang])
        chars = sum(len(d.text) for d in docs)
        en_median = en_median or t.median
        ratio = t.median / en_median
        if lang != "en":
            ok = ok and ratio >= TARGET_RATIO
        print(f"{lang:<6}{len(docs):>6}{t.mb:>7.2f}{chars:>10}{t.best:>11.3f}{t.median:>9.3f}{ratio:>8.2f}{records[lang]:>9}")
    print(f"\ntarget: Korean and Khmer MB/s >= {TARGET_RATIO:g} x English (within 2x): {en.verdict(ok)}")
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
