// The notes of a measure ("how it is calculated", why a figure is missing) as stable codes with numeric
// parameters, and their sentences in English, Russian and Arabic for the files and the CLI. The web app
// keeps the very same sentences in web/src/i18n/<lang>/analytics.json under `noteText` (a test holds the
// two equal), so a page and its export say the same thing.
//
// Templates use i18next's {{name}} placeholders. A parameter whose name ends in "Share" is a fraction
// shown as a percentage; `months` and `days` are counts shown with their unit in the plural form the
// number takes (COUNT_UNITS, by Intl.PluralRules); any other is a number, all through Intl in the
// reader's language. Formulas
// inside Arabic sentences are wrapped in Unicode isolates (LRI … PDI) so they stay left to right.
import { z } from 'zod';

export const NOTE_CODES = [
  'rfm_definition', 'xyz_definition', 'purchase_day',
  'ladder_advocates_unknown', 'ladder_month_end',
  'crr_definition', 'new_definition', 'seasonality_index',
  'ltv_lifetime',
  'clv_fit', 'clv_no_repeat_purchases', 'clv_too_few_customers', 'clv_not_converged', 'clv_not_computable',
  'clv_few_customers', 'clv_edge_of_parameter_space', 'clv_spend_not_converged',
  'holdout_no_history', 'holdout_no_repeat_purchases', 'holdout_too_few_customers', 'holdout_not_converged', 'holdout_not_computable', 'holdout_no_purchases',
  'slipping_by_revenue', 'slipping_by_clv',
  'key_customers_totals',
  'economics_members', 'economics_points', 'economics_mechanics', 'economics_messages_unavailable',
] as const;
export type NoteCode = (typeof NOTE_CODES)[number];

export const NOTE_LANGUAGES = ['en', 'ru', 'ar'] as const;
export type NoteLanguage = (typeof NOTE_LANGUAGES)[number];

export interface Note {
  code: NoteCode;
  params: Record<string, number>;
  /** The sentence in English, for a reader that does not know the code. */
  text: string;
}

const LRI = '\u2066';
const PDI = '\u2069';
/** A formula kept left to right inside a right-to-left sentence, and on one line (no-break spaces). */
const ltr = (formula: string) => `${LRI}${formula.replace(/ /g, '\u00a0')}${PDI}`;

export const NOTE_TEXTS: Record<NoteLanguage, Record<NoteCode, string>> = {
  en: {
    rfm_definition: 'R: days from the last purchase to the end of the period (all history); F: purchase days and M: revenue in the period. Customers without a purchase in the period have F = 0 and M = 0.',
    xyz_definition: 'XYZ uses the coefficient of variation of each customer\'s monthly revenue over the months of the period, months without a purchase counting as 0.',
    purchase_day: 'A purchase is a purchase day: several receipts of one customer on one day count once.',
    ladder_advocates_unknown: 'Advocates need referral or NPS data, which Regulars does not collect yet: the advocate step is unknown (null), and loyal customers who recommend you are counted as loyal.',
    ladder_month_end: 'Steps are evaluated at the end of each month; the movement is from the end of the previous month to the end of the last month of the period.',
    crr_definition: 'A customer is active while they bought in the last {{months}}. CRR = (E − N) / S × 100, where S is the customers active at the start, E at the end and N the new ones; churn = lost / S × 100. A year cut by the period counts only its months inside.',
    new_definition: 'New: the first purchase ever (under the outlet and tag filters) falls in the month or year.',
    seasonality_index: 'Receipts include anonymous sales. Index 100 = an average month or weekday of the period; months partly inside count by the share of their days inside.',
    ltv_lifetime: 'T is 100 / the average monthly churn of the period unless the owner set a lifetime. P rests on the receipts whose cost is known (costCoverage).',
    clv_fit: 'Fitted on every customer\'s purchase days up to the end of the period, in weeks. The hold-out check refits BG/NBD on the history before the hold-out and compares the predicted repeat purchase days in it with the observed ones.',
    clv_no_repeat_purchases: 'No customer has bought on two different days yet: BG/NBD and Gamma-Gamma learn from repeat purchases, so there is no prediction.',
    clv_too_few_customers: 'Fewer than {{customers}} customers: the models have four parameters each and are not fitted on fewer customers than that, so there is no prediction.',
    clv_not_converged: 'The BG/NBD fit did not converge on this history (too few customers or repeat purchases to estimate it), so there is no prediction.',
    clv_not_computable: 'The fitted BG/NBD gives no finite prediction for any customer on this history, so there is no prediction.',
    clv_few_customers: 'Few customers to learn from (fewer than {{customers}} customers or {{repeaters}} with a repeat purchase): the four BG/NBD parameters describe a population, so on a handful of customers the figures are rough.',
    clv_edge_of_parameter_space: 'BG/NBD ran to the edge of its parameter space (every customer buying at the same rate, or nobody — or everybody — dropping out after a purchase), as it does on a short, small or very even history: the predictions follow that limit.',
    clv_spend_not_converged: 'The Gamma-Gamma fit stopped before converging: spend per purchase, and so CLV in money, is rough.',
    holdout_no_history: 'Hold-out check: nobody had bought before the hold-out started, so there is nothing to check.',
    holdout_no_repeat_purchases: 'Hold-out check: nobody had bought twice before the hold-out started, so the model could not be refitted on that history.',
    holdout_too_few_customers: 'Hold-out check: fewer than {{customers}} customers had bought before the hold-out started, too few to refit the model on.',
    holdout_not_converged: 'Hold-out check: the refit on the history before the hold-out did not converge, so there is no predicted figure.',
    holdout_not_computable: 'Hold-out check: the refit on the history before the hold-out gives no finite prediction, so there is no predicted figure.',
    holdout_no_purchases: 'Hold-out check: nobody bought again in the hold-out, so there is no error ratio.',
    slipping_by_revenue: 'Valuable: the top {{valueShare}} of customers by revenue; slipping: P(alive) below {{below}} and down by at least {{minDrop}} over {{days}}.',
    slipping_by_clv: 'Valuable: the top {{valueShare}} of customers by predicted CLV; slipping: P(alive) below {{below}} and down by at least {{minDrop}} over {{days}}.',
    key_customers_totals: 'Company and outlet totals include anonymous sales; a manager\'s total is the revenue of the customers assigned to them.',
    economics_members: 'Members are sales with a customer. Margin counts only receipts whose cost is known.',
    economics_points: 'Points: liability = points on customers\' accounts at the end of the period × the average money value of a point spent at the till; breakage = expired / (spent + expired). The ledger has no outlet, so an outlet filter leaves the points out; a tag filter keeps its customers\' points.',
    economics_mechanics: 'Discount by mechanic comes from each checkout receipt\'s lines: the loyalty mechanic that won the line (tier, cumulative, club) and the till\'s own promotion. Imported sales do not say what gave their discount: it is unattributed. Like the discount total, it is the discount given at the sale, before any refund.',
    economics_messages_unavailable: 'Not available yet: the cost of messages (there is no messaging module yet).',
  },
  ru: {
    rfm_definition: 'R — дни от последней покупки до конца периода (по всей истории); F — число дней с покупками и M — выручка за период. У клиентов без покупок в периоде F = 0 и M = 0.',
    xyz_definition: 'XYZ считается по коэффициенту вариации месячной выручки каждого клиента за месяцы периода; месяцы без покупок идут как 0.',
    purchase_day: 'Покупка — это день с покупкой: несколько чеков одного клиента за один день считаются один раз.',
    ladder_advocates_unknown: 'Для ступени «Адвокаты» нужны данные о рекомендациях или NPS, а Regulars их пока не собирает: число адвокатов неизвестно, и лояльные клиенты, которые вас рекомендуют, считаются лояльными.',
    ladder_month_end: 'Ступени определяются на конец каждого месяца; переходы — с конца предыдущего месяца на конец последнего месяца периода.',
    crr_definition: 'Клиент активен, если с его последней покупки прошло не больше, чем {{months}}. CRR = (E − N) / S × 100, где S — активные клиенты на начало, E — на конец, N — новые; отток = потерянные / S × 100. Год, который период захватывает не целиком, считается только по месяцам внутри периода.',
    new_definition: 'Новый клиент — тот, чья самая первая покупка (с учётом фильтров по точке продаж и метке) приходится на этот месяц или год.',
    seasonality_index: 'Чеки включают анонимные продажи. Индекс 100 — средний месяц или день недели периода; месяцы, попавшие в период частично, учитываются по доле своих дней внутри него.',
    ltv_lifetime: 'T = 100 / средний месячный отток за период, если владелец не задал срок жизни клиента сам. P считается по чекам с известной себестоимостью (costCoverage).',
    clv_fit: 'Модели оцениваются по дням покупок каждого клиента до конца периода, в неделях. Проверка на отложенном периоде заново оценивает BG/NBD по истории до него и сравнивает прогноз дней с повторными покупками в нём с фактом.',
    clv_no_repeat_purchases: 'Пока ни один клиент не покупал в два разных дня, а BG/NBD и Gamma-Gamma учатся на повторных покупках, поэтому прогноза нет.',
    clv_too_few_customers: 'Клиентов меньше {{customers}}: у каждой модели по четыре параметра, и на меньшем числе клиентов их не оценивают, поэтому прогноза нет.',
    clv_not_converged: 'Оценка BG/NBD по этой истории не сошлась (слишком мало клиентов или повторных покупок), поэтому прогноза нет.',
    clv_not_computable: 'Оценённая модель BG/NBD не даёт конечного прогноза ни для одного клиента по этой истории, поэтому прогноза нет.',
    clv_few_customers: 'Мало данных для обучения (клиентов меньше {{customers}} или покупавших повторно меньше {{repeaters}}): четыре параметра BG/NBD описывают всю совокупность клиентов, и на горстке клиентов цифры приблизительны.',
    clv_edge_of_parameter_space: 'BG/NBD дошла до границы области параметров (все клиенты покупают с одной частотой или никто — либо все — не уходит после покупки), как бывает на короткой, небольшой или очень ровной истории: прогнозы следуют этому пределу.',
    clv_spend_not_converged: 'Оценка Gamma-Gamma остановилась, не сойдясь: траты на покупку, а значит и CLV в деньгах, приблизительны.',
    holdout_no_history: 'Проверка на отложенном периоде: до его начала никто не покупал, проверять нечего.',
    holdout_no_repeat_purchases: 'Проверка на отложенном периоде: до его начала никто не покупал дважды, поэтому модель не удалось заново оценить по этой истории.',
    holdout_too_few_customers: 'Проверка на отложенном периоде: клиентов, покупавших до его начала, меньше {{customers}} — слишком мало, чтобы заново оценить модель.',
    holdout_not_converged: 'Проверка на отложенном периоде: повторная оценка по истории до него не сошлась, поэтому прогнозной цифры нет.',
    holdout_not_computable: 'Проверка на отложенном периоде: повторная оценка по истории до него не даёт конечного прогноза, поэтому прогнозной цифры нет.',
    holdout_no_purchases: 'Проверка на отложенном периоде: в нём никто не купил повторно, поэтому ошибку прогноза не посчитать.',
    slipping_by_revenue: 'Ценные — первые {{valueShare}} клиентов по выручке; уходящие — те, у кого P(alive) ниже {{below}} и снизилась не меньше чем на {{minDrop}} за {{days}}.',
    slipping_by_clv: 'Ценные — первые {{valueShare}} клиентов по прогнозной CLV; уходящие — те, у кого P(alive) ниже {{below}} и снизилась не меньше чем на {{minDrop}} за {{days}}.',
    key_customers_totals: 'Итоги по компании и точкам продаж включают анонимные продажи; итог менеджера — выручка закреплённых за ним клиентов.',
    economics_members: 'Продажи участникам — продажи с указанным клиентом. Маржа считается только по чекам с известной себестоимостью.',
    economics_points: 'Баллы: обязательства = баллы на счетах клиентов на конец периода × средняя денежная стоимость балла, списанного на кассе; доля сгорания = сгоревшие / (списанные + сгоревшие). В реестре баллов нет точки продаж, поэтому с фильтром по точке баллы не показываются; фильтр по метке оставляет баллы клиентов с этой меткой.',
    economics_mechanics: 'Скидки по механикам берутся из строк каждого кассового чека: механика лояльности, которая выиграла строку (уровень карты, накопительная скидка, клуб), и собственная акция кассы. По импортированным продажам не известно, что дало скидку: она не распределена. Как и общая сумма скидок, это скидка в момент продажи, до возвратов.',
    economics_messages_unavailable: 'Пока не считается: стоимость сообщений (модуля рассылок ещё нет).',
  },
  ar: {
    rfm_definition: `R: الأيام من آخر شراء حتى نهاية الفترة (على كامل التاريخ)؛ F: عدد أيام الشراء، وM: الإيرادات خلال الفترة. العملاء الذين لم يشتروا خلال الفترة لديهم ${ltr('F = 0')} و${ltr('M = 0')}.`,
    xyz_definition: 'يعتمد تصنيف XYZ على معامل الاختلاف لإيرادات كل عميل الشهرية على مدى أشهر الفترة، وتُحسب الأشهر التي لا شراء فيها صفرًا.',
    purchase_day: 'الشراء يوم فيه شراء: عدة إيصالات لعميل واحد في يوم واحد تُحسب مرة واحدة.',
    ladder_advocates_unknown: 'تحتاج درجة «مناصرون» إلى بيانات الإحالات أو NPS، ولا يجمعها Regulars بعد: لذلك عدد المناصرين غير معروف، ويُحسب العملاء الأوفياء الذين يوصون بكم ضمن الأوفياء.',
    ladder_month_end: 'تُحدَّد الدرجات في نهاية كل شهر؛ والانتقالات من نهاية الشهر السابق إلى نهاية آخر شهر في الفترة.',
    crr_definition: `العميل نشط ما دام قد اشترى خلال آخر {{months}}. ${ltr('CRR = (E − N) / S × 100')}، حيث S العملاء النشطون في البداية، وE النشطون في النهاية، وN الجدد؛ ومعدل التسرّب = المفقودون ÷ ${ltr('S × 100')}. السنة التي لا تقع كلها داخل الفترة تُحسب بأشهرها الواقعة داخلها فقط.`,
    new_definition: 'العميل الجديد: من وقعت أول عملية شراء له على الإطلاق (ضمن مرشّحَي المنفذ والوسم) في هذا الشهر أو هذه السنة.',
    seasonality_index: 'تشمل الإيصالات المبيعات المجهولة. المؤشر 100 = شهر أو يوم أسبوع متوسط في الفترة؛ والأشهر الواقعة جزئيًا داخل الفترة تُحسب بنسبة أيامها داخلها.',
    ltv_lifetime: `${ltr('T')} هو 100 مقسومًا على متوسط التسرّب الشهري في الفترة، ما لم يحدّد المالك عمر العميل بنفسه. ويُحسب P من الإيصالات المعروفة تكلفتها (costCoverage).`,
    clv_fit: 'تُقدَّر النماذج من أيام شراء كل عميل حتى نهاية الفترة، بالأسابيع. ويعيد فحص الفترة المحجوزة تقدير BG/NBD على التاريخ السابق لها، ويقارن أيام الشراء المتكرر المتوقعة فيها بالفعلية.',
    clv_no_repeat_purchases: 'لم يشترِ أي عميل في يومين مختلفين بعد، ونموذجا BG/NBD وGamma-Gamma يتعلّمان من المشتريات المتكررة، لذلك لا يوجد تنبؤ.',
    clv_too_few_customers: 'عدد العملاء أقل من {{customers}}: لكل نموذج أربع معلمات، ولا يُقدَّر على عدد أقل من ذلك من العملاء، لذلك لا يوجد تنبؤ.',
    clv_not_converged: 'لم يتقارب تقدير BG/NBD على هذا التاريخ (عملاء أو مشتريات متكررة أقل من أن يُقدَّر منها)، لذلك لا يوجد تنبؤ.',
    clv_not_computable: 'لا يعطي نموذج BG/NBD المقدَّر تنبؤًا محدودًا لأي عميل على هذا التاريخ، لذلك لا يوجد تنبؤ.',
    clv_few_customers: 'البيانات قليلة للتعلّم منها (عدد العملاء أقل من {{customers}} أو عدد من كرّروا الشراء أقل من {{repeaters}}): معلمات BG/NBD الأربع تصف مجموع العملاء، فالأرقام على عدد قليل منهم تقريبية.',
    clv_edge_of_parameter_space: 'بلغ BG/NBD حافة فضاء معلماته (كل العملاء يشترون بالمعدل نفسه، أو لا أحد — أو الجميع — ينقطع بعد الشراء)، كما يحدث مع تاريخ قصير أو صغير أو منتظم جدًا: التنبؤات تتبع هذا الحد.',
    clv_spend_not_converged: 'توقّف تقدير Gamma-Gamma قبل أن يتقارب: الإنفاق لكل شراء، ومن ثَمّ CLV بالمال، تقريبي.',
    holdout_no_history: 'فحص الفترة المحجوزة: لم يشترِ أحد قبل بدايتها، فلا يوجد ما يُفحص.',
    holdout_no_repeat_purchases: 'فحص الفترة المحجوزة: لم يشترِ أحد مرتين قبل بدايتها، فتعذّرت إعادة تقدير النموذج على ذلك التاريخ.',
    holdout_too_few_customers: 'فحص الفترة المحجوزة: عدد من اشتروا قبل بدايتها أقل من {{customers}}، وهو أقل من أن يُعاد تقدير النموذج عليه.',
    holdout_not_converged: 'فحص الفترة المحجوزة: لم تتقارب إعادة التقدير على التاريخ السابق لها، فلا يوجد رقم متوقَّع.',
    holdout_not_computable: 'فحص الفترة المحجوزة: إعادة التقدير على التاريخ السابق لها لا تعطي تنبؤًا محدودًا، فلا يوجد رقم متوقَّع.',
    holdout_no_purchases: 'فحص الفترة المحجوزة: لم يشترِ أحد مجددًا خلالها، فلا توجد نسبة خطأ.',
    slipping_by_revenue: 'ذوو القيمة: أعلى {{valueShare}} من العملاء حسب الإيرادات؛ المبتعدون: من انخفض لديهم P(alive) دون {{below}} وتراجع بما لا يقل عن {{minDrop}} خلال آخر {{days}}.',
    slipping_by_clv: 'ذوو القيمة: أعلى {{valueShare}} من العملاء حسب CLV التنبؤية؛ المبتعدون: من انخفض لديهم P(alive) دون {{below}} وتراجع بما لا يقل عن {{minDrop}} خلال آخر {{days}}.',
    key_customers_totals: 'تشمل إجماليات الشركة والمنافذ المبيعات المجهولة؛ أما إجمالي المدير فهو إيرادات العملاء المسندين إليه.',
    economics_members: 'مبيعات الأعضاء هي المبيعات المرتبطة بعميل. ويُحسب الهامش من الإيصالات المعروفة تكلفتها فقط.',
    economics_points: 'النقاط: الالتزام = النقاط في حسابات العملاء في نهاية الفترة × متوسط القيمة المالية للنقطة المستخدمة عند الصندوق؛ ونسبة الانقضاء = المنتهية ÷ (المستخدمة + المنتهية). سجل النقاط لا يرتبط بمنفذ، لذا يستبعد مرشّح المنفذ النقاط؛ أما مرشّح الوسم فيُبقي نقاط عملائه.',
    economics_mechanics: 'يُؤخذ الخصم حسب الآلية من بنود كل إيصال دفع: آلية الولاء التي فازت بالبند (الفئة، أو الخصم التراكمي، أو النادي) والعرض الترويجي الخاص بالصندوق. المبيعات المستوردة لا تذكر مصدر خصمها، فيبقى غير منسوب. وكإجمالي الخصومات، هو الخصم الممنوح عند البيع، قبل أي استرداد.',
    economics_messages_unavailable: 'غير متاح بعد: تكلفة الرسائل (لا توجد وحدة للمراسلة بعد).',
  },
};

/** Parameters that count months or days: shown with the unit in its plural form for the number. */
export const COUNT_PARAMS = ['months', 'days'] as const;
export type CountParam = (typeof COUNT_PARAMS)[number];

/**
 * "12 months", "1 month"; "12 месяцев", "3 месяца", "1 месяц"; Arabic "شهر" (1), "شهرين" (2), "3 أشهر",
 * "12 شهرًا", "100 شهر". The form is chosen by Intl.PluralRules of the language ({{value}}: the number
 * through Intl). The web app keeps the same forms as `countUnits.<param>_<category>` in
 * web/src/i18n/<lang>/analytics.json for i18next, which picks them by the same rules (a test holds the two equal).
 */
export const COUNT_UNITS: Record<NoteLanguage, Record<CountParam, Partial<Record<Intl.LDMLPluralRule, string>>>> = {
  en: {
    months: { one: '{{value}} month', other: '{{value}} months' },
    days: { one: '{{value}} day', other: '{{value}} days' },
  },
  ru: {
    months: { one: '{{value}} месяц', few: '{{value}} месяца', many: '{{value}} месяцев', other: '{{value}} месяца' },
    days: { one: '{{value}} день', few: '{{value}} дня', many: '{{value}} дней', other: '{{value}} дня' },
  },
  ar: {
    months: { zero: '{{value}} شهر', one: 'شهر', two: 'شهرين', few: '{{value}} أشهر', many: '{{value}} شهرًا', other: '{{value}} شهر' },
    days: { zero: '{{value}} يوم', one: 'يوم', two: 'يومين', few: '{{value}} أيام', many: '{{value}} يومًا', other: '{{value}} يوم' },
  },
};

const isCountParam = (name: string): name is CountParam => (COUNT_PARAMS as readonly string[]).includes(name);

/** A count of months or days with its unit in the right plural form, the number through Intl. */
export function formatCount(unit: CountParam, value: number, language: NoteLanguage): string {
  const forms = COUNT_UNITS[language][unit];
  const form = forms[new Intl.PluralRules(language).select(value)] ?? forms.other ?? `{{value}} ${unit}`;
  return form.replace('{{value}}', new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value));
}

/**
 * A parameter as the reader reads it: a *Share fraction as a percentage, `months` and `days` as a count
 * with its unit ("12 months"), any other number as a number.
 */
export function formatNoteParam(name: string, value: number, language: NoteLanguage): string {
  if (name.endsWith('Share')) return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  if (isCountParam(name)) return formatCount(name, value, language);
  return new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value);
}

/** The note as a sentence in the language. */
export function noteText(n: Pick<Note, 'code' | 'params'>, language: NoteLanguage = 'en'): string {
  const template = NOTE_TEXTS[language][n.code] ?? NOTE_TEXTS.en[n.code];
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => {
    const value = n.params[name];
    return typeof value === 'number' ? formatNoteParam(name, value, language) : whole;
  });
}

/** A note of a measure's answer (params: numbers only). */
export function note(code: NoteCode, params: Record<string, number> = {}): Note {
  return { code, params, text: noteText({ code, params }, 'en') };
}

export const noteSchema = z.object({
  code: z.enum(NOTE_CODES).describe('What the note says, as a stable code; the web app and the exports hold its sentence in each language. New codes may be added: show `text` for a code you do not know'),
  params: z.record(z.string(), z.number()).describe('The numbers in the sentence; a name ending in "Share" is a fraction 0–1 (a percentage to the reader)'),
  text: z.string().describe('The note in English'),
}).meta({ id: 'AnalyticsNote' });
