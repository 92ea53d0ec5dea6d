// DrawingML parts of the master's charts, from the shared chart description: each chart (xl/charts/chartN.xml) reads
// its categories, series names and values from the overview's cells (references with cached values, so a reader that
// does not recalculate still draws them), and one drawing (xl/drawings/drawing1.xml) places the charts on the sheet.
// Elements are in the order of the ECMA-376 schema (dml-chart.xsd, dml-spreadsheetDrawing.xsd).
import { assertWritable } from '../../shared/text/clean-text.ts';
import { xmlText } from '../../shared/text/xml-safe.ts';
import { encodeXstring } from '../../shared/xlsx/xstring.ts';
import { chartTitle, rangeRef, type ChartDescription } from '../../shared/master/charts.ts';

const C = 'http://schemas.openxmlformats.org/drawingml/2006/chart';
const A = 'http://schemas.openxmlformats.org/drawingml/2006/main';
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XDR = 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Text written into a chart: what XML cannot hold is a fault of ours (texts passed the gate on their way in). */
function text(value: string, where: string): string {
  assertWritable(value, 'chart writer', where);
  return xmlText(value);
}

const solid = (color: string) => `<a:solidFill><a:srgbClr val="${color}"/></a:solidFill>`;
const fontSize = (size: number, bold = false) =>
  `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size * 100}" b="${bold ? 1 : 0}"/></a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr>`;

function richTitle(value: string, size: number, where: string): string {
  return (
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size * 100}" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="vi-VN" sz="${size * 100}" b="1"/><a:t>${text(value, where)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`
  );
}

function strCache(values: string[], where: string): string {
  // A cached value is an ST_Xstring, as a cell's text: a literal "_x0041_" is escaped so it reads as the cell does.
  return `<c:strCache><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${text(encodeXstring(v), where)}</c:v></c:pt>`).join('')}</c:strCache>`;
}

function numCache(values: (number | null)[]): string {
  // An empty cell has no point: the chart draws nothing there.
  return (
    `<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="${values.length}"/>` +
    `${values.map((v, i) => (v === null || !Number.isFinite(v) ? '' : `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>`)).join('')}</c:numCache>`
  );
}

/** One chart part: a horizontal bar chart, stacked or clustered, its axes and legend. */
export function chartXml(chart: ChartDescription): string {
  const stacked = chart.kind === 'stacked-bar';
  const where = `chart ${chart.name}`;
  const series = chart.series
    .map(
      (s, i) =>
        `<c:ser><c:idx val="${i}"/><c:order val="${i}"/>` +
        `<c:tx><c:strRef><c:f>${text(rangeRef(s.nameCell), where)}</c:f>${strCache([s.name], where)}</c:strRef></c:tx>` +
        `<c:spPr>${solid(s.color)}</c:spPr><c:invertIfNegative val="0"/>` +
        `<c:cat><c:strRef><c:f>${text(rangeRef(chart.categoriesRange), where)}</c:f>${strCache(chart.categories, where)}</c:strRef></c:cat>` +
        `<c:val><c:numRef><c:f>${text(rangeRef(s.valuesRange), where)}</c:f>${numCache(s.values)}</c:numRef></c:val></c:ser>`,
    )
    .join('');
  return (
    `${HEAD}<c:chartSpace xmlns:c="${C}" xmlns:a="${A}" xmlns:r="${R}"><c:roundedCorners val="0"/>` +
    `<c:chart>${richTitle(chartTitle(chart), 12, where)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>` +
    `<c:barChart><c:barDir val="bar"/><c:grouping val="${stacked ? 'stacked' : 'clustered'}"/><c:varyColors val="0"/>${series}` +
    `<c:dLbls><c:showLegendKey val="0"/><c:showVal val="${stacked ? 0 : 1}"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>` +
    `<c:gapWidth val="60"/>${stacked ? '<c:overlap val="100"/>' : ''}<c:axId val="1001"/><c:axId val="1002"/></c:barChart>` +
    // Categories from the top down, as the table reads; the value axis then sits at the bottom (crosses at the maximum).
    '<c:catAx><c:axId val="1001"/><c:scaling><c:orientation val="maxMin"/></c:scaling><c:delete val="0"/><c:axPos val="l"/>' +
    `<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${fontSize(8)}` +
    '<c:crossAx val="1002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>' +
    `<c:valAx><c:axId val="1002"/><c:scaling><c:orientation val="minMax"/>${chart.max ? `<c:max val="${chart.max}"/>` : ''}<c:min val="0"/></c:scaling>` +
    '<c:delete val="0"/><c:axPos val="b"/><c:majorGridlines/>' +
    `${richTitle(`${chart.axis.vi} / ${chart.axis.en}`, 9, where)}<c:numFmt formatCode="General" sourceLinked="0"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>${fontSize(8)}<c:crossAx val="1001"/><c:crosses val="max"/><c:crossBetween val="between"/></c:valAx>` +
    `</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/>${fontSize(8)}</c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>` +
    `<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="900"><a:latin typeface="Times New Roman"/></a:defRPr></a:pPr><a:endParaRPr lang="vi-VN"/></a:p></c:txPr></c:chartSpace>`
  );
}

/** Where a chart sits: 0-based columns and rows of its top-left and bottom-right corners. */
export interface Anchor {
  fromCol: number;
  fromRow: number;
  toCol: number;
  toRow: number;
}

/** The sheet's drawing: one graphic frame per chart, the n-th referring to relationship rId{n}. */
export function drawingXml(charts: { name: string; anchor: Anchor }[]): string {
  const marker = (tag: string, col: number, row: number) =>
    `<xdr:${tag}><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:${tag}>`;
  return `${HEAD}<xdr:wsDr xmlns:xdr="${XDR}" xmlns:a="${A}">${charts
    .map(
      ({ name, anchor }, i) =>
        '<xdr:twoCellAnchor editAs="oneCell">' +
        marker('from', anchor.fromCol, anchor.fromRow) +
        marker('to', anchor.toCol, anchor.toRow) +
        `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${i + 2}" name="${text(`Biểu đồ ${i + 1}: ${name}`, 'drawing')}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
        '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>' +
        `<a:graphic><a:graphicData uri="${C}"><c:chart xmlns:c="${C}" xmlns:r="${R}" r:id="rId${i + 1}"/></a:graphicData></a:graphic>` +
        '</xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>',
    )
    .join('')}</xdr:wsDr>`;
}

const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** A relationships part: each target of one type, rId1… in order. */
export function relsXml(type: 'drawing' | 'chart', targets: string[]): string {
  return `${HEAD}<Relationships xmlns="${RELS}">${targets.map((t, i) => `<Relationship Id="rId${i + 1}" Type="${REL_TYPE}/${type}" Target="${t}"/>`).join('')}</Relationships>`;
}

export const DRAWING_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';
export const CHART_TYPE = 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml';
