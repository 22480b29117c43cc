"""Tables read by their headers: a value cell means what its row label, its column header and the table's caption
say together — the concept (through the lexicon), the year (2025年, 2025届, 2024—2025学年, 实际/预估/目标) and whose
figure it is (全省中位数 is not the school's).

Which rows speak for the school as a whole: the row of the report year, a total row (合计, 总计, Total), or the
only data row; the other rows of a table of categories (per major, per kind of training) are parts. A table that
leaves any of this open gives no value.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from jigong.pipeline.dictionary import Indicator
from jigong.pipeline.extract.binding import ASIDE, excluded
from jigong.pipeline.extract.candidates import Candidate, cell_reading
from jigong.pipeline.extract.context import Context
from jigong.pipeline.extract.lexicon import Lexicon, load_lexicon
from jigong.pipeline.extract.numbers import fold
from jigong.pipeline.extract.relations import load_relations
from jigong.pipeline.extract.tables import IDENTIFIER_HEAD, caption_money, captions, relative_year, split_label
from jigong.pipeline.extract.values import HIGHER_LEVEL, LEVEL_ALONE, SCHOOL_NAME, parse_cell
from jigong.pipeline.model import Block, Document

GRID_CONFIDENCE = 0.93
_TOTAL = re.compile(r"^(?:合计|总计|总数|全校|全院|小计合计|Total|TOTAL|合\s*计|总\s*计)")
# A year a column or row speaks of; 2025级 (the pupils who entered then) is a grade, not a year.
_YEAR = re.compile(r"((?:19|20)\d\d)\s*(?:[-—–~～至]\s*((?:19|20)\d\d))?\s*(年度?|届|学年度?)?(?!级)")
_NOT_ACTUAL = re.compile(
    r"目标|预估|预计|预期|预测|计划|规划|拟|力争|要求|标准|≥|≤|对标|中位数|平均|均值|预算(?!执行|完成|决算)"
    r"|增减|增幅|变动|同比|环比|比上年"
)
_LATIN = re.compile(r"[A-Za-z][A-Za-z .,'()&/-]*")
_MARKS = re.compile(r"^[#＃*※\s]+")
# A column head that names no quantity of its own: the caption says what it counts ("毕业生去向 … 合计 | 人数").
_UNIT_COLUMN = re.compile(r"^(?:单位|计量单位|计算单位)$")
# A caption line naming the table's one unit ("部门：×× 金额单位：万元", "单位：人"; not "单位：个、人、千元").
_UNIT_LINE = re.compile(
    r"(?:金额|计量|数量)?单位\s*[：:]\s*(万元|千元|亿元|元|万人次|人次|万人|人|个|家)(?![、，,/\u4e00-\u9fff])"
)
# A caption of a table of many schools ("全市技工院校学生情况（2025年）").
_MANY_SCHOOLS = re.compile(r"全(?:国|省|市|区|镇)|各(?:技工)?院校|技工院校")
_PART_MARK = re.compile(r"^\s*(?:[#＃]|其中)")
_WHOLE_QUALIFIERS = re.compile(r"^(?:开设|设置|现有|开办|全日制|全校|全院|学校)+")
_COUNT_UNITS = {"个", "家", "人", "名", "人次", "场", "次", "本", "册", "项", "门", "所"}
_RATE = re.compile(r"[^，。；\d]{0,6}?(?:率|比例|占比|比重)$")
_AMOUNTS = re.compile(r"^(?:预算|执行|决算|实际|完成)(?:数|金额|数据|值)?$|^金额$")
_SCORE_HEAD = re.compile(r"^(?:自评|评估|考核|评审|标准|实际|最后)?(?:得分|分值|评分|扣分|分数|赋分|自评分|总分)$")
_FIGURE = re.compile(r"^\s*[\d,，.]+\s*[%％]?\s*$")
_GENERIC = re.compile(r"^(?:人数|数量|数值|数|总数|人次|个数|计|小计|合计|总计|值|数据|情况)?$")


@dataclass(frozen=True)
class _Header:
    """What a row label or a column header says: a concept, a year, whether it is a total, and its words."""

    code: str | None
    year: int | None
    total: bool
    other: bool  # a target, forecast, average or another subject's figure
    unit: str
    text: str
    label: str  # the words without marks, Latin words and the unit note
    shift: int | None = None  # "本年" 0, "上年" −1: a year said relative to the report's
    part: bool = False  # marked as a part of what comes before it ("#高级工班及以上", "其中：…")


class GridReader:
    """Built once per run; reads every table of a document by its headers."""

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.parts = set(load_relations().at_most)  # (part, whole)
        self._headers: dict[tuple[str, str], _Header] = {}  # table heads recur across a batch's forms
        self._captions: tuple[Document, dict[int, str]] | None = None  # the last document's, asked for twice

    def header(self, text: str, caption: str = "") -> _Header:
        key = (text, caption)
        if key not in self._headers:
            if len(self._headers) > 20_000:
                self._headers.clear()
            self._headers[key] = self._header(text, caption)
        return self._headers[key]

    def _header(self, text: str, caption: str) -> _Header:
        folded = fold(re.sub(r"\s+", " ", text)).strip()
        label, unit = split_label(_LATIN.sub("", _MARKS.sub("", folded)))
        if not unit and (line := _UNIT_LINE.search(folded)):
            unit = line.group(1)
        year_match = _YEAR.search(folded)
        year = None
        if year_match and (year_match.group(3) or re.fullmatch(r"\s*(?:19|20)\d\d\s*", folded)):
            year = int(year_match.group(2) or year_match.group(1))
        other = bool(_NOT_ACTUAL.search(folded) or self.lexicon.slots["other_subject"].search(folded))
        code = self.concept(label, caption)
        shift = relative_year(folded)
        part = bool(_PART_MARK.match(folded))
        return _Header(code, year, bool(_TOTAL.match(folded)), other, unit, folded, label.strip(), shift, part)

    def concept(self, label: str, caption: str = "") -> str | None:
        """The one concept a label names (weak heads take their cue from the label or the table's caption)."""
        mentions = [m for m in self.lexicon.mentions(label) if not m.blocker]
        if len(mentions) > 1 and "的" in label[mentions[-2].end : mentions[-1].start]:
            mentions = mentions[-1:]  # "来自合作企业的兼职教师": the noun after 的 heads the label
        if len(mentions) != 1:
            return None
        mention = mentions[0]
        fits = []
        rate = bool(_RATE.match(label, mention.end))  # "职业技能等级证书获取率": a rate, whatever it is a rate of
        for code, weak in mention.codes:
            concept = self.lexicon.concepts[code]
            if rate and "%" not in concept.units:
                continue
            cued = concept.cue is not None and bool(concept.cue.search(label + caption))
            if (weak or concept.cue_only) and not cued:
                continue
            # an excluding word that is not just the head's own ("留学生人数" holds 学生人数, but names 留学生)
            if concept.exclude is not None and excluded(concept.exclude, label, (mention.start, mention.end)):
                continue
            fits.append(code)
        return fits[0] if len(fits) == 1 else None

    def read(self, doc: Document, ctx: Context, dictionary: dict) -> list[Candidate]:  # type: ignore[type-arg]
        out: list[Candidate] = []
        said = self.captions(doc)
        for number, rows in doc.tables().items():
            if len(rows) < 2:
                continue
            caption = self.header(said.get(number, ""))
            out += self._table(doc, rows, caption, ctx, dictionary)
        return out

    def _table(
        self,
        doc: Document,
        rows: list[list[Block]],
        caption: _Header,
        ctx: Context,
        dictionary: dict,  # type: ignore[type-arg]
    ) -> list[Candidate]:
        heads = _heads(self, rows[0], caption.text)
        # a unit column ("单位 | 个") names no concept, whatever a caption's cue makes of the word
        heads = {c: replace(h, code=None) if _UNIT_COLUMN.match(h.label) else h for c, h in heads.items()}
        # a column of statistical codes or row numbers ("代码 | 05") holds no values
        heads = {c: h for c, h in heads.items() if not IDENTIFIER_HEAD.match(h.label.replace(" ", ""))}
        # a column of scores ("评估项目 | … | 自评分"): points, not the row's figure
        heads = {c: h for c, h in heads.items() if not _SCORE_HEAD.match(h.label.replace(" ", ""))}
        labels = self._labels(rows, caption.text)
        data = rows[1:]
        year_rows = [i for i, h in enumerate(labels) if i and h is not None and h.year is not None]
        total_rows = [i for i, h in enumerate(labels) if i and h is not None and h.total]
        if caption.year is not None and ctx.year is not None and caption.year != ctx.year and not year_rows:
            return []
        matrix = any(h.code is not None for h in heads.values()) and not year_rows and len(data) > 1
        # A table of many schools ("全市技工院校学生情况": 总计, 公办, 民办, #东莞市××技工学校): only the row that names
        # the school itself speaks for it; without one, nothing does.
        own_rows = {i for i, row in enumerate(rows) if i and row and any(n in row[0].text for n in ctx.own_names)}
        many = bool(_MANY_SCHOOLS.search(caption.text)) and not SCHOOL_NAME.search(caption.text)
        if not own_rows and many:
            return []
        labels_text = [row[0].text if row else "" for row in rows]  # to find a total over 全日制 and 非全日制
        label_col = rows[0][0].position.col if rows[0] else None
        total_column = any(h.total and h.code is None for c, h in heads.items() if c != label_col)
        unit_col = next((col for col, h in heads.items() if _UNIT_COLUMN.match(h.label)), None)
        # rows that all state one unit ("一、财政补助收入（万元）", "四、教育事业收入（万元）"): the rows under
        # them that state none ("3、面向社会职业技能培训收入") are in it too
        stated = [h.unit for h in labels[1:] if h is not None and h.unit]
        rows_unit = stated[0] if len(stated) >= 2 and len(set(stated)) == 1 else ""
        money = caption_money(caption.text)
        # A row of figures under a row of heads ("毕业学生人数 | 就业学生人数 | 就业率" over "1,312 | 1,268 | 96.65%"):
        # its first cell is a figure too, not the row's label.
        first = heads.get(label_col)
        cells = [
            row if row and first is not None and first.code and _FIGURE.match(row[0].text) else row[1:] for row in rows
        ]
        # the data rows holding a figure, by column
        filled: dict[int | None, list[int]] = {}
        for r in range(1, len(rows)):
            for cell in cells[r]:
                if re.search(r"\d", cell.text):
                    filled.setdefault(cell.position.col, []).append(r)
        out: list[Candidate] = []
        for r, row in enumerate(rows[1:], start=1):
            label = labels[r]
            for cell in cells[r]:
                col = cell.position.col
                head = heads.get(col)
                if head is None or label is None:
                    continue
                if own_rows and many:
                    found = head.code if r in own_rows and not head.other else None
                else:
                    found = self._meaning(
                        label, head, caption, r, year_rows, total_rows, len(data), ctx, matrix, total_column,
                        (label.code, caption.code) in self.parts,
                    )  # fmt: skip
                if found is not None and label.total and self._sums_excluded(found, labels_text):
                    continue
                if (
                    found is None
                    and head.code is not None
                    and label.code in (None, head.code)
                    and self._kept_kind(head.code, label.label, labels_text)
                ):
                    found = head.code  # "总计 | 全日制 | 非全日制": the 全日制 row is the figure the total is not
                if (
                    found is None
                    and head.code is not None
                    and label.code is None
                    and not (label.part or label.total or label.other or year_rows)
                    and label.year is None
                    and label.shift is None
                    and filled.get(col) == [r]
                    and not self._excludes(head.code, label.label)
                ):
                    found = head.code  # the one figure in the column ("全日制技工教育 | … | 187", the rest "——")
                if found is None and head.code is not None and not label.total and not label.other:
                    # "#高级工班 | 586" under "在校生数": the row qualifies the column into another concept
                    both = self.qualified(_MARKS.sub("", label.label), head.label, caption.text)
                    # the row's own concept only where it is a part of the column's ("高级工班 | 586" under 在校生数);
                    # "全日制毕业生" across a column of 高级工班 is no count of graduates
                    own = both == label.code and (both, head.code) not in self.parts
                    found = both if both not in (None, head.code) and not own else None
                if found is None and label.code is not None and head.part and not label.total and not label.other:
                    # "全日制在校生 | … | #高级工班及以上 2 222": the column qualifies the row into another concept
                    both = self.qualified(_MARKS.sub("", head.label), label.label, caption.text)
                    found = both if both not in (None, label.code) else None
                if found is None or found not in dictionary or self.off_topic(found, caption):
                    continue
                noted = next((c.text.strip() for c in row if c.position.col == unit_col), "") if unit_col else ""
                unit = head.unit or label.unit or noted or caption.unit or rows_unit
                if not unit and dictionary[found].type == "money":
                    unit = money  # "单位：个、人、千元": the one money unit of the caption's list
                if unit in _COUNT_UNITS and unit not in self.lexicon.concepts[found].units:
                    continue  # "培训班数（个）" under a training caption: classes, not 人次
                parsed = parse_cell(cell.text, dictionary[found], unit)
                if parsed is None:
                    continue
                # (a row of figures has no label to quote)
                lead = "" if _FIGURE.match(row[0].text) else f"{row[0].text.strip()} / "
                quote = f"{lead}{rows[0][_index(rows[0], col)].text.strip()}：{cell.text.strip()}"
                if HIGHER_LEVEL.get(found) and LEVEL_ALONE.match(label.label):
                    # "高级工班 | 790" beside "预备技师班 | 152": the senior level alone; 及以上 is both rows' sum
                    higher = [i for i, t in enumerate(labels_text) if i and HIGHER_LEVEL[found].search(t)]
                    if higher:
                        summed = self._level_sum(rows, higher, col, dictionary[found], unit, parsed[0])
                        if summed is None:
                            continue
                        value = int(summed[0]) if isinstance(parsed[0], int) else summed[0]
                        parsed, quote = (value, parsed[1]), f"{quote} + {summed[1]}"
                out.append(cell_reading(doc, found, parsed, GRID_CONFIDENCE, cell, quote))
        return _one_per_code(out)

    @staticmethod
    def _level_sum(
        rows: list[list[Block]], higher: list[int], col: int | None, indicator: Indicator, unit: str, own: object
    ) -> tuple[float, str] | None:
        """The senior level's figure plus those of the higher levels' rows in its column ("预备技师班 | 152"): None
        when a higher row is a part of another ("其中：预备技师班") or holds no figure there."""
        if not isinstance(own, (int, float)):
            return None
        total: float = own
        quoted = []
        for i in higher:
            cell = next((c for c in rows[i] if c.position.col == col), None)
            parsed = parse_cell(cell.text, indicator, unit) if cell is not None else None
            if cell is None or parsed is None or not isinstance(parsed[0], (int, float)):
                return None
            if _PART_MARK.match(rows[i][0].text):
                return None
            total += parsed[0]
            quoted.append(f"{rows[i][0].text.strip()}：{cell.text.strip()}")
        return round(total, 1), " + ".join(quoted)

    def _sums_excluded(self, code: str, labels: list[str]) -> bool:
        """Whether the total sums a kind and its opposite ("总计 | 全日制 | 非全日制") and the concept leaves the
        opposite out (非全日制 for 在校生): the total is then not the concept's figure."""
        exclude = self.lexicon.concepts[code].exclude
        names = {re.sub(r"\s+", "", text) for text in labels[1:]}
        opposites = [n for n in names if n.startswith("非") and n[1:] in names]
        return exclude is not None and any(exclude.search(n) for n in opposites)

    def qualified(self, part: str, whole: str, caption: str = "") -> str | None:
        """The concept of a part of a whole ("#对接战略性支柱、新兴产业" under "开设专业", "#高级工班及以上" beside
        "全日制在校生"): the part's words before the whole's, or before the whole's noun alone."""
        noun = _WHOLE_QUALIFIERS.sub("", whole)
        for text in (part + whole, part + noun):
            found = self.concept(text, caption)
            if found is not None:
                return found
        return None

    def _labels(self, rows: list[list[Block]], caption: str) -> list[_Header | None]:
        """Each row's label; a "#" row that names no concept of its own names a part of the last unmarked row above
        ("开设专业 | 26", "#实行校企合作培养 | 22")."""
        labels: list[_Header | None] = [self.header(row[0].text) if row else None for row in rows]
        parent: _Header | None = None
        for r, label in enumerate(labels):
            if not r or label is None:
                continue
            if not _PART_MARK.match(rows[r][0].text):
                parent = label
            elif label.code is None and parent is not None and parent.code is not None:
                code = self.qualified(_MARKS.sub("", label.label), parent.label, caption)
                if code is not None and code != parent.code:
                    labels[r] = replace(label, code=code)
        return labels

    def _kept_kind(self, code: str, label: str, labels: list[str]) -> bool:
        """Whether a row is the kind the table sets against its opposite ("全日制" beside "非全日制", "全日制技工教育"
        beside "非全日制学历教育") and the concept keeps it: the row then holds the concept's figure (a total beside
        them sums both)."""
        label = re.sub(r"\s+", "", _MARKS.sub("", label))
        opposites = [
            name
            for text in labels[1:]
            if (name := re.sub(r"\s+", "", _MARKS.sub("", text))).startswith("非")
            and len(label) >= 2
            and name[1:3] == label[:2]  # the same kind's words after 非 ("全日制")
        ]
        return (
            bool(opposites)
            and not self._excludes(code, label)
            and all(self._excludes(code, name) for name in opposites)
        )

    def _excludes(self, code: str, label: str) -> bool:
        exclude = self.lexicon.concepts[code].exclude
        return exclude is not None and bool(exclude.search(label))

    def captions(self, doc: Document) -> dict[int, str]:
        if self._captions is None or self._captions[0] is not doc:
            self._captions = (doc, captions(doc))
        return self._captions[1]

    def off_topic_in(self, doc: Document) -> Callable[[int, str], bool]:
        """For another reader of the document's tables: whether table `number`'s caption puts `code` off topic."""
        heads = {number: self.header(text) for number, text in self.captions(doc).items()}
        concepts = self.lexicon.concepts  # the numeric indicators (a yes/no row has no lexicon entry)
        return lambda number, code: number in heads and code in concepts and self.off_topic(code, heads[number])

    def off_topic(self, code: str, caption: _Header) -> bool:
        """A table about something else ("企业新型学徒制培训情况"): its words exclude the column's concept, unless the
        caption names that concept itself."""
        concept = self.lexicon.concepts[code]
        if concept.exclude is None or caption.code == code:
            return False
        text = ASIDE.sub("", caption.text)  # "（按专业类别）" says how the table is cut, not what it counts
        named = {c for m in self.lexicon.mentions(text) if not m.blocker for c, weak in m.codes if not weak}
        return bool(named - {code}) and bool(concept.exclude.search(text))

    @staticmethod
    def _meaning(
        label: _Header,
        head: _Header,
        caption: _Header,
        r: int,
        year_rows: list[int],
        total_rows: list[int],
        data_rows: int,
        ctx: Context,
        matrix: bool = False,
        total_column: bool = False,
        part_of_caption: bool = False,
    ) -> str | None:
        """The concept of the cell at (row label, column header), or None when it is not the school's own
        figure for the report year. `part_of_caption`: the row names a part of what the caption counts
        ("在校生层次结构": "高级工班及以上" is a concept of its own among the levels a total sums)."""
        if label.other or head.other:
            return None
        year = label.year if label.year is not None else head.year
        shift = label.shift if label.shift is not None else head.shift
        if year is None and shift is not None and ctx.year is not None:
            year = ctx.year + shift
        if year is not None and ctx.year is not None and year != ctx.year:
            return None
        # Rows are categories when a column head names the measure (a matrix: 企业职工培训 × 培训人次) or when a
        # total row sums them (毕业去向: 升学, 就业/其他 … 合计): their labels then name parts, not the figure.
        categories = matrix or bool(total_rows)
        if label.code is not None and total_column:
            # "指标 | 总计 | 中级工班 | 高级工班": the row's concept, as a whole, only in the total column
            return label.code if head.total and head.code is None else None
        # (a column of a year's amounts names no measure: "项目 | 2026年预算数 | 2025年执行数" over rows of concepts
        # and 合计; "2025届人数" does — its rows are categories of people)
        amounts = head.code is None and head.year is not None and bool(_AMOUNTS.match(_YEAR.sub("", head.label)))
        if label.code is not None and (not categories or amounts or (part_of_caption and head.code is None)):
            return label.code if head.code is None or head.code == label.code else None
        if head.code is not None:
            if year_rows:
                return head.code if r in year_rows else None
            if total_rows:
                return head.code if r in total_rows else None
            return head.code if data_rows == 1 else None
        if label.total and caption.code is not None and not caption.other and _GENERIC.match(_YEAR.sub("", head.label)):
            return caption.code
        return None


def _heads(reader: GridReader, row: list[Block], caption: str) -> dict[int | None, _Header]:
    """Column heads; a "#" column (of which) takes the unit of the column it is part of
    ("经费来源总计（万元） | #社会培训收入")."""
    out: dict[int | None, _Header] = {}
    unit = ""
    for cell in row:
        head = reader.header(cell.text, caption)
        if cell.text.strip().startswith(("#", "＃")) and not head.unit:
            head = replace(head, unit=unit)
        else:
            unit = head.unit
        out[cell.position.col] = head
    return out


def _index(row: list[Block], col: int | None) -> int:
    return next((i for i, cell in enumerate(row) if cell.position.col == col), 0)


def _one_per_code(found: list[Candidate]) -> list[Candidate]:
    """Two different values for one code in one table (a part read as the whole): neither."""
    by_code: dict[str, list[Candidate]] = {}
    for cand in found:
        by_code.setdefault(cand.code, []).append(cand)
    return [c for cands in by_code.values() if len({str(x.value) for x in cands}) == 1 for c in cands[:1]]
