// The words of the analytics files (XLSX sheets, CSV headers, the summary sheet) in English, Russian and
// Arabic. English keeps what the files always said: the measures' own column labels and titles, the
// table names as sheet names and the summary keys as figure names. Russian and Arabic name everything.
//
// Where the web app names the same thing (web/src/i18n/<lang>/analytics.json: `tables`, `columns`,
// `measureColumns`, `values`, `yes`/`no` and each page's `title`), the words here are the web's, and
// src/modules/analytics/export-texts.test.ts holds the two equal: the server may not read the web's files,
// so the table is kept twice and compared. The summary figures, the facts and the short measure names
// for sheet names are the files' own.
import type { NoteLanguage } from './notes.js';

type Names = Record<string, string>;
type ByMeasure<T> = Record<string, T>;

export interface ExportTexts {
  yes: string;
  no: string;
  /** The summary sheet: its name, its two column headers and the label of a note row. */
  sheet: { summary: string; figure: string; value: string; note: string };
  /** The rows above a measure's own figures. */
  facts: { measure: string; from: string; to: string; timeZone: string; currency: string; outlet: string; tag: string };
  /** Short measure names, to tell the sheets of several measures apart ("RFM — сегменты"), and what joins them to the table's. */
  measures: Names;
  join: string;
  /** Measure titles (the web's page titles); none in English, where the measure's own title stays. */
  titles: Names;
  /** Sheet names of the tables: `tables.<measure>.<table>` as in the web. */
  tables: ByMeasure<Names>;
  /** Column headers: `measureColumns.<measure>.<table>.<key>`, else `columns.<key>`, else the English label. */
  columns: Names;
  measureColumns: ByMeasure<ByMeasure<Names>>;
  /** Names the measures give as codes (segment "champions", step "one_purchase" …), by group. */
  values: ByMeasure<Names>;
  /** Summary figures by measure, keyed by their path ("regular.k"). */
  figures: ByMeasure<Names>;
  /** Coded summary values by figure path ("lifetimeSource" → "churn" → …); arrays of codes too. */
  figureValues: ByMeasure<Names>;
  /** The LTV factors table's English meanings and units. */
  ltv: { names: Names; units: Names };
}

/** Table columns whose text values are names from `values` (the same as the web's NAMED). */
export const NAMED_COLUMNS: Record<string, string> = { segment: 'segment', step: 'step', from: 'step', to: 'step', group: 'group', scope: 'scope', mechanic: 'mechanic' };

const en: ExportTexts = {
  yes: 'true',
  no: 'false',
  sheet: { summary: 'summary', figure: 'Figure', value: 'Value', note: 'note' },
  facts: { measure: 'measure', from: 'from', to: 'to', timeZone: 'time zone', currency: 'currency', outlet: 'outlet', tag: 'tag' },
  measures: {},
  join: ' ',
  titles: {},
  tables: {},
  columns: {},
  measureColumns: {},
  values: {},
  figures: {},
  figureValues: {},
  ltv: { names: {}, units: {} },
};

const ru: ExportTexts = {
  yes: 'да',
  no: 'нет',
  sheet: { summary: 'сводка', figure: 'Показатель', value: 'Значение', note: 'Примечание' },
  facts: { measure: 'Отчёт', from: 'С', to: 'По', timeZone: 'Часовой пояс', currency: 'Валюта', outlet: 'Точка продаж', tag: 'Метка клиента' },
  measures: {
    'pareto': 'Парето', 'ladder': 'Лестница', 'rfm': 'RFM', 'abc-xyz': 'ABC-XYZ', 'retention': 'Удержание', 'new-returning': 'Новые и повторные',
    'cohorts': 'Когорты', 'frequency': 'Частота', 'seasonality': 'Сезонность', 'best-customers': 'Лучшие клиенты', 'ltv': 'LTV', 'clv': 'CLV',
    'slipping-away': 'Уходящие', 'key-customers': 'Ключевые клиенты', 'economics': 'Экономика',
  },
  join: ' — ',
  titles: {
    'pareto': 'Парето: выручка по рангу клиентов',
    'ladder': 'Лестница клиентов',
    'rfm': 'RFM-сегменты',
    'abc-xyz': 'Матрица ABC-XYZ',
    'retention': 'Удержание (CRR), отток и повторные покупки',
    'new-returning': 'Новые и повторные клиенты',
    'cohorts': 'Удержание когорт',
    'frequency': 'Частота покупок и интервал',
    'seasonality': 'Сезонность',
    'best-customers': 'Средний чек: лучшие клиенты и остальные',
    'ltv': 'Пожизненная ценность (LTV = S × C × P × T)',
    'clv': 'Прогнозная CLV (BG/NBD + Gamma-Gamma)',
    'slipping-away': 'Ценные клиенты, которых мы теряем',
    'key-customers': 'Зависимость от ключевых клиентов',
    'economics': 'Экономика программы',
  },
  tables: {
    'pareto': { curve: 'кривая' },
    'ladder': { steps: 'ступени', series: 'по месяцам', movement: 'переходы' },
    'rfm': { segments: 'сегменты', grid: 'сетка' },
    'abc-xyz': { matrix: 'матрица', classes: 'классы' },
    'retention': { months: 'месяцы', years: 'годы' },
    'new-returning': { months: 'месяцы', years: 'годы' },
    'cohorts': { cells: 'ячейки', cohorts: 'когорты' },
    'frequency': { byVisits: 'покупки', byInterval: 'интервалы' },
    'seasonality': { months: 'месяцы', weekdays: 'дни недели', series: 'по месяцам' },
    'best-customers': { groups: 'группы' },
    'ltv': { factors: 'множители' },
    'clv': { pAlive: 'P(alive)', deciles: 'децили', top: 'лучшие клиенты' },
    'slipping-away': { customers: 'клиенты' },
    'key-customers': { scopes: 'области', customers: 'клиенты' },
    'economics': { months: 'месяцы', points: 'баллы', mechanics: 'механики' },
  },
  columns: {
    mechanic: 'Чем дана', customers: 'Клиенты', share: 'Доля клиентов', revenue: 'Выручка', revenueShare: 'Доля выручки', month: 'Месяц', year: 'Год',
    customerShare: 'Доля клиентов', step: 'Ступень', from: 'Откуда', to: 'Куда', segment: 'Сегмент', avgRecencyDays: 'Ср. дней с последней покупки',
    avgFrequency: 'Ср. покупок', avgMonetary: 'Ср. выручка', r: 'Оценка R', fm: 'Оценка FM', abc: 'ABC', xyz: 'XYZ', class: 'Класс', start: 'Активных в начале',
    end: 'Активных в конце', new: 'Новые', retained: 'Удержанные', lost: 'Потерянные', reactivated: 'Вернувшиеся', crr: 'CRR', churn: 'Отток',
    buyers: 'Покупавшие клиенты', newBuyers: 'Новые', returningBuyers: 'Повторные', newRevenue: 'Выручка от новых', returningRevenue: 'Выручка от повторных',
    newShare: 'Доля новых', cohort: 'Когорта', offset: 'Месяцев после первой покупки', visits: 'Покупки', label: 'Группа', upToDays: 'До дней',
    occurrences: 'Вхождений в период', receipts: 'Чеки', revenuePerOccurrence: 'Выручка на вхождение', receiptsPerOccurrence: 'Чеков на вхождение',
    revenueIndex: 'Индекс выручки', receiptsIndex: 'Индекс чеков', weekday: 'День недели', group: 'Группа', averageReceipt: 'Средний чек',
    receiptsPerCustomer: 'Чеков на клиента', factor: 'Множитель', name: 'Клиент', value: 'Значение', unit: 'Единица', customerId: 'Id клиента',
    lastPurchase: 'Последняя покупка', clv: 'CLV', pAlive: 'P(alive)', pAliveBefore: 'P(alive) ранее', expectedPurchases: 'Ожидаемые покупки',
    expectedSpend: 'Ожидаемые траты за покупку', decile: 'Дециль', scope: 'Область', scopeId: 'Id области', scopeName: 'Название', total: 'Выручка',
    largestShare: 'Крупнейший клиент', top5Share: 'Топ-5 клиентов', keyCustomers: 'Ключевые клиенты', alert: 'Уровень тревоги', rank: 'Место',
    sharePercent: 'Доля', key: 'Ключевой клиент', memberRevenue: 'Выручка от участников', otherRevenue: 'Выручка от остальных',
    memberShare: 'Доля участников в выручке', memberMargin: 'Маржа от участников', otherMargin: 'Маржа от остальных', memberMarginShare: 'Маржинальность участников',
    otherMarginShare: 'Маржинальность остальных', discount: 'Скидки', discountShare: 'Доля скидки в цене', pointsMoney: 'Оплачено баллами',
    pointsEarned: 'Начислено баллов', pointsSpent: 'Списано баллов',
  },
  measureColumns: {
    'economics': {
      mechanics: { share: 'Доля в скидках' },
      points: { issued: 'Начислено баллов', spent: 'Списано баллов', expired: 'Сгорело баллов', takenBack: 'Отозвано баллов', breakage: 'Доля сгорания' },
    },
    'pareto': { curve: { revenue: 'Накопленная выручка' } },
    'frequency': { byVisits: { label: 'Покупки' }, byInterval: { label: 'Дней между покупками', share: 'Доля повторных клиентов' } },
    'seasonality': { months: { label: 'Месяц' }, weekdays: { label: 'День недели' } },
    'cohorts': { cells: { customers: 'Покупавшие клиенты', share: 'Доля когорты' } },
    'slipping-away': { customers: { revenue: 'Выручка (за всё время)', pAlive: 'P(alive) сейчас' } },
    'clv': { top: { revenue: 'Выручка (за всё время)' }, pAlive: { from: 'P(alive) от', to: 'P(alive) до' }, deciles: { share: 'Доля общего CLV' } },
    'ladder': { series: { lapsed: 'Ушедшие', one_purchase: 'Одна покупка', second_purchase: 'Вторая покупка', regular: 'Постоянные', loyal: 'Лояльные', advocate: 'Адвокаты' } },
    'ltv': { factors: { name: 'Что это' } },
  },
  values: {
    segment: { champions: 'Чемпионы', loyal: 'Лояльные', potential_loyalists: 'Будущие лояльные', new: 'Новые', promising: 'Перспективные', need_attention: 'Требуют внимания',
      about_to_sleep: 'Засыпающие', at_risk: 'Под угрозой', cant_lose: 'Нельзя потерять', hibernating: 'Спящие', lost: 'Потерянные' },
    step: { none: 'Не клиент', lapsed: 'Ушедшие', one_purchase: 'Одна покупка', second_purchase: 'Вторая покупка', regular: 'Постоянные', loyal: 'Лояльные', advocate: 'Адвокаты' },
    group: { best: 'Лучшие клиенты', rest: 'Остальные', all_customers: 'Все клиенты', anonymous: 'Анонимные продажи' },
    scope: { company: 'Вся компания', outlet: 'Точка', manager: 'Менеджер' },
    mechanic: { tier: 'Уровень карты', cumulative: 'Накопительная скидка', club: 'Дисконтный клуб', promotion: 'Акция кассы', unattributed: 'Не указано (импортированные продажи)' },
  },
  figures: {
    'pareto': {
      customers: 'Покупавшие клиенты', revenue: 'Выручка', topShare: 'Доля лучших клиентов', topCustomers: 'Лучших клиентов', topRevenue: 'Выручка от лучших клиентов',
      topRevenueShare: 'Доля выручки от лучших клиентов', revenueShare: 'Доля выручки', customersForRevenueShare: 'Клиентов, дающих эту долю выручки',
      customerShareForRevenueShare: 'Доля клиентов, дающих эту долю выручки',
    },
    'ladder': {
      'month': 'Месяц', 'previousMonth': 'Предыдущий месяц', 'advocatesKnown': 'Адвокаты известны', 'advocates': 'Адвокаты', 'advocatesReason': 'Почему адвокаты неизвестны',
      'regular.k': 'Постоянные: месяцев с покупками', 'regular.n': 'Постоянные: из последних месяцев', 'loyal.k': 'Лояльные: месяцев с покупками',
      'loyal.n': 'Лояльные: из последних месяцев', 'lapsedAfter': 'Ушедшие: месяцев без покупок',
    },
    'rfm': {
      'customers': 'Клиенты', 'thresholdsFrom': 'Границы оценок', 'thresholds.recencyDays': 'Границы R (дней)', 'thresholds.frequency': 'Границы F (покупок)',
      'thresholds.monetary': 'Границы M (выручка)',
    },
    'abc-xyz': {
      'customers': 'Клиенты', 'periods': 'Месяцев', 'revenue': 'Выручка', 'abc.a': 'Граница A', 'abc.b': 'Граница B', 'abc.c': 'Граница C', 'xyz.x': 'Граница X', 'xyz.y': 'Граница Y',
    },
    'retention': {
      activityWindowMonths: 'Окно активности, месяцев', start: 'Активных в начале', end: 'Активных в конце', new: 'Новые', retained: 'Удержанные', lost: 'Потерянные',
      reactivated: 'Вернувшиеся', crr: 'CRR, %', churn: 'Отток, %', averageMonthlyChurn: 'Средний месячный отток, %', repeatRate: 'Доля повторных покупок',
    },
    'new-returning': { buyers: 'Покупавшие клиенты', newBuyers: 'Новые', returningBuyers: 'Повторные', newRevenue: 'Выручка от новых', returningRevenue: 'Выручка от повторных' },
    'cohorts': { cohorts: 'Когорты', customers: 'Клиенты в когортах' },
    'frequency': {
      customers: 'Клиенты', visits: 'Покупки', frequency: 'Покупок на клиента', frequencyPerMonth: 'Покупок на клиента в месяц', repeatCustomers: 'Повторные клиенты',
      repeatRate: 'Доля повторных клиентов', averageIntervalDays: 'Средний интервал, дней', medianIntervalDays: 'Медианный интервал, дней',
    },
    'seasonality': { revenue: 'Выручка', receipts: 'Чеки', timeZone: 'Часовой пояс' },
    'best-customers': { bestShare: 'Доля лучших клиентов', bestCustomers: 'Лучшие клиенты', ratio: 'Во сколько раз больше средний чек' },
    'ltv': {
      averageReceipt: 'Средний чек (S)', purchasesPerMonth: 'Покупок в месяц (C)', marginShare: 'Доля маржи (P)', lifetimeMonths: 'Срок жизни, месяцев (T)',
      lifetimeSource: 'Откуда срок жизни', ltv: 'LTV (маржа)', revenueLtv: 'LTV (выручка)', costCoverage: 'Доля чеков с себестоимостью', monthlyChurn: 'Месячный отток, %',
    },
    'clv': {
      'available': 'Модель построена', 'reason': 'Почему модели нет', 'warnings': 'Предупреждения', 'customers': 'Клиенты в модели', 'horizonWeeks': 'Горизонт, недель',
      'monthlyDiscountRate': 'Месячная ставка дисконтирования', 'totalClv': 'Общая CLV', 'meanClv': 'Средняя CLV', 'fitMs': 'Время оценки, мс',
      'bgnbd': 'BG/NBD', 'gammaGamma': 'Gamma-Gamma', 'holdout': 'Отложенный период',
      'bgnbd.r': 'BG/NBD r', 'bgnbd.alpha': 'BG/NBD α', 'bgnbd.a': 'BG/NBD a', 'bgnbd.b': 'BG/NBD b', 'bgnbd.ll': 'BG/NBD: логарифм правдоподобия', 'bgnbd.converged': 'BG/NBD сошлась',
      'gammaGamma.p': 'Gamma-Gamma p', 'gammaGamma.q': 'Gamma-Gamma q', 'gammaGamma.v': 'Gamma-Gamma v', 'gammaGamma.ll': 'Gamma-Gamma: логарифм правдоподобия',
      'gammaGamma.customers': 'Gamma-Gamma: клиентов', 'gammaGamma.converged': 'Gamma-Gamma сошлась',
      'holdout.status': 'Отложенный период: итог', 'holdout.from': 'Отложенный период: с', 'holdout.weeks': 'Отложенный период: недель',
      'holdout.customers': 'Отложенный период: клиентов', 'holdout.predicted': 'Отложенный период: прогноз покупок', 'holdout.actual': 'Отложенный период: факт покупок',
      'holdout.error': 'Отложенный период: ошибка',
    },
    'slipping-away': {
      by: 'Ценность по', valueShare: 'Доля ценных клиентов', below: 'Порог P(alive)', minDrop: 'Минимальное снижение P(alive)', lookbackDays: 'За сколько дней',
      customers: 'Уходящие клиенты', revenue: 'Их выручка (за всё время)', shown: 'Показано',
    },
    'key-customers': { keyShare: 'Ключевой клиент: доля выручки от', alertLevels: 'Уровни тревоги, %', companyAlert: 'Уровень тревоги компании, %', keyCustomers: 'Ключевые клиенты (компания)' },
    'economics': {
      'memberRevenue': 'Выручка от участников', 'otherRevenue': 'Выручка от остальных', 'memberShare': 'Доля участников в выручке', 'memberMargin': 'Маржа от участников',
      'otherMargin': 'Маржа от остальных', 'memberMarginShare': 'Маржинальность участников', 'otherMarginShare': 'Маржинальность остальных', 'discount': 'Скидки',
      'discountShare': 'Доля скидки в цене', 'pointsMoney': 'Оплачено баллами', 'pointsEarned': 'Начислено баллов', 'pointsSpent': 'Списано баллов',
      'ledgerAvailable': 'Реестр баллов учтён', 'discountByMechanic': 'Скидки по механике',
      'points': 'Баллы', 'points.outstanding': 'Баллы на счетах на конец периода', 'points.pointValue': 'Средняя стоимость балла', 'points.liability': 'Обязательства по баллам',
      'points.issued': 'Начислено баллов', 'points.spent': 'Списано баллов', 'points.expired': 'Сгорело баллов', 'points.takenBack': 'Отозвано баллов', 'points.breakage': 'Доля сгорания',
    },
  },
  figureValues: {
    thresholdsFrom: { quintiles: 'квинтили покупателей', settings: 'настройки организации' },
    advocatesReason: { no_referral_or_nps_data: 'нет данных о рекомендациях или NPS' },
    lifetimeSource: { churn: '100 / средний месячный отток', owner: 'задан владельцем' },
    reason: { no_repeat_purchases: 'нет повторных покупок', too_few_customers: 'слишком мало клиентов', not_converged: 'оценка не сошлась', not_computable: 'прогноз не вычисляется' },
    warnings: { few_customers: 'мало клиентов', edge_of_parameter_space: 'граница области параметров', spend_not_converged: 'модель трат не сошлась' },
    'holdout.status': {
      ok: 'посчитано', no_history: 'нет истории до периода', no_repeat_purchases: 'нет повторных покупок до периода', too_few_customers: 'слишком мало клиентов до периода',
      not_converged: 'оценка не сошлась', not_computable: 'прогноз не вычисляется', no_purchases: 'в периоде нет повторных покупок',
    },
    by: { revenue: 'выручке', clv: 'прогнозной CLV' },
  },
  ltv: {
    names: { 'average receipt': 'средний чек', 'purchases per month': 'покупок в месяц', 'margin share': 'доля маржи', 'average lifetime': 'средний срок жизни', 'revenue over the lifetime': 'выручка за срок жизни' },
    units: { money: 'деньги', 'receipts per customer per month': 'чеков на клиента в месяц', share: 'доля', months: 'месяцы' },
  },
};

const ar: ExportTexts = {
  yes: 'نعم',
  no: 'لا',
  sheet: { summary: 'الملخص', figure: 'المؤشر', value: 'القيمة', note: 'ملاحظة' },
  facts: { measure: 'التقرير', from: 'من', to: 'إلى', timeZone: 'المنطقة الزمنية', currency: 'العملة', outlet: 'المنفذ', tag: 'وسم العميل' },
  measures: {
    'pareto': 'باريتو', 'ladder': 'السلّم', 'rfm': 'RFM', 'abc-xyz': 'ABC-XYZ', 'retention': 'الاحتفاظ', 'new-returning': 'الجدد والعائدون',
    'cohorts': 'الأفواج', 'frequency': 'التكرار', 'seasonality': 'الموسمية', 'best-customers': 'أفضل العملاء', 'ltv': 'LTV', 'clv': 'CLV',
    'slipping-away': 'المبتعدون', 'key-customers': 'العملاء الرئيسيون', 'economics': 'الاقتصاديات',
  },
  join: ' – ',
  titles: {
    'pareto': 'باريتو: الإيرادات حسب ترتيب العملاء',
    'ladder': 'سلّم العملاء',
    'rfm': 'شرائح RFM',
    'abc-xyz': 'مصفوفة ABC-XYZ',
    'retention': 'الاحتفاظ (CRR) والتسرّب والمشتريات المتكررة',
    'new-returning': 'العملاء الجدد مقابل العائدين',
    'cohorts': 'الاحتفاظ بالأفواج',
    'frequency': 'تكرار الشراء والفاصل بين المشتريات',
    'seasonality': 'الموسمية',
    'best-customers': 'متوسط الإيصال: أفضل العملاء مقابل البقية',
    'ltv': 'القيمة الدائمة (\u2066LTV = S × C × P × T\u2069)',
    'clv': 'القيمة التنبؤية CLV \u200f(BG/NBD + Gamma-Gamma)',
    'slipping-away': 'عملاء ذوو قيمة يبتعدون',
    'key-customers': 'الاعتماد على العملاء الرئيسيين',
    'economics': 'اقتصاديات البرنامج',
  },
  tables: {
    'pareto': { curve: 'المنحنى' },
    'ladder': { steps: 'الدرجات', series: 'حسب الشهر', movement: 'الانتقالات' },
    'rfm': { segments: 'الشرائح', grid: 'الشبكة' },
    'abc-xyz': { matrix: 'المصفوفة', classes: 'الفئات' },
    'retention': { months: 'الأشهر', years: 'السنوات' },
    'new-returning': { months: 'الأشهر', years: 'السنوات' },
    'cohorts': { cells: 'الخلايا', cohorts: 'الأفواج' },
    'frequency': { byVisits: 'المشتريات', byInterval: 'الفواصل' },
    'seasonality': { months: 'الأشهر', weekdays: 'أيام الأسبوع', series: 'حسب الشهر' },
    'best-customers': { groups: 'المجموعات' },
    'ltv': { factors: 'العوامل' },
    'clv': { pAlive: 'P(alive)', deciles: 'العُشيرات', top: 'أفضل العملاء' },
    'slipping-away': { customers: 'العملاء' },
    'key-customers': { scopes: 'النطاقات', customers: 'العملاء' },
    'economics': { months: 'الأشهر', points: 'النقاط', mechanics: 'الآليات' },
  },
  columns: {
    mechanic: 'مصدر الخصم', customers: 'العملاء', share: 'نسبة العملاء', revenue: 'الإيرادات', revenueShare: 'نسبة الإيرادات', month: 'الشهر', year: 'السنة',
    customerShare: 'نسبة العملاء', step: 'الدرجة', from: 'من', to: 'إلى', segment: 'الشريحة', avgRecencyDays: 'متوسط الأيام منذ آخر شراء',
    avgFrequency: 'متوسط المشتريات', avgMonetary: 'متوسط الإيرادات', r: 'درجة R', fm: 'درجة FM', abc: 'ABC', xyz: 'XYZ', class: 'الفئة', start: 'نشطون في البداية',
    end: 'نشطون في النهاية', new: 'جدد', retained: 'محتفَظ بهم', lost: 'مفقودون', reactivated: 'عائدون', crr: 'CRR', churn: 'التسرّب',
    buyers: 'العملاء المشترون', newBuyers: 'جدد', returningBuyers: 'عائدون', newRevenue: 'إيرادات الجدد', returningRevenue: 'إيرادات العائدين',
    newShare: 'نسبة الجدد', cohort: 'الفوج', offset: 'أشهر بعد أول شراء', visits: 'المشتريات', label: 'المجموعة', upToDays: 'حتى يوم',
    occurrences: 'مرات الورود في الفترة', receipts: 'الإيصالات', revenuePerOccurrence: 'الإيرادات لكل ورود', receiptsPerOccurrence: 'الإيصالات لكل ورود',
    revenueIndex: 'مؤشر الإيرادات', receiptsIndex: 'مؤشر الإيصالات', weekday: 'يوم الأسبوع', group: 'المجموعة', averageReceipt: 'متوسط الإيصال',
    receiptsPerCustomer: 'إيصالات لكل عميل', factor: 'العامل', name: 'العميل', value: 'القيمة', unit: 'الوحدة', customerId: 'معرّف العميل',
    lastPurchase: 'آخر شراء', clv: 'CLV', pAlive: 'P(alive)', pAliveBefore: 'P(alive) سابقًا', expectedPurchases: 'المشتريات المتوقعة',
    expectedSpend: 'الإنفاق المتوقع لكل شراء', decile: 'العُشير', scope: 'النطاق', scopeId: 'معرّف النطاق', scopeName: 'الاسم', total: 'الإيرادات',
    largestShare: 'أكبر عميل', top5Share: 'أكبر 5 عملاء', keyCustomers: 'العملاء الرئيسيون', alert: 'مستوى التنبيه', rank: 'الترتيب',
    sharePercent: 'النسبة', key: 'عميل رئيسي', memberRevenue: 'إيرادات الأعضاء', otherRevenue: 'إيرادات غير الأعضاء',
    memberShare: 'نسبة الأعضاء من الإيرادات', memberMargin: 'هامش الأعضاء', otherMargin: 'هامش غير الأعضاء', memberMarginShare: 'نسبة هامش الأعضاء',
    otherMarginShare: 'نسبة هامش غير الأعضاء', discount: 'الخصم الممنوح', discountShare: 'نسبة الخصم من السعر', pointsMoney: 'المدفوع بالنقاط',
    pointsEarned: 'النقاط المكتسبة', pointsSpent: 'النقاط المستخدمة',
  },
  measureColumns: {
    'economics': {
      mechanics: { share: 'النسبة من الخصم' },
      points: { issued: 'النقاط الممنوحة', spent: 'النقاط المستخدمة', expired: 'النقاط المنتهية', takenBack: 'النقاط المستردة', breakage: 'نسبة الانقضاء' },
    },
    'pareto': { curve: { revenue: 'الإيرادات التراكمية' } },
    'frequency': { byVisits: { label: 'المشتريات' }, byInterval: { label: 'الأيام بين المشتريات', share: 'نسبة العملاء المتكررين' } },
    'seasonality': { months: { label: 'الشهر' }, weekdays: { label: 'يوم الأسبوع' } },
    'cohorts': { cells: { customers: 'العملاء المشترون', share: 'نسبة الفوج' } },
    'slipping-away': { customers: { revenue: 'الإيرادات (كل الوقت)', pAlive: 'P(alive) الآن' } },
    'clv': { top: { revenue: 'الإيرادات (كل الوقت)' }, pAlive: { from: 'P(alive) من', to: 'P(alive) إلى' }, deciles: { share: 'نسبة من إجمالي CLV' } },
    'ladder': { series: { lapsed: 'منقطعون', one_purchase: 'شراء واحد', second_purchase: 'شراء ثانٍ', regular: 'منتظمون', loyal: 'أوفياء', advocate: 'مناصرون' } },
    'ltv': { factors: { name: 'المعنى' } },
  },
  values: {
    segment: { champions: 'الأبطال', loyal: 'الأوفياء', potential_loyalists: 'أوفياء محتملون', new: 'جدد', promising: 'واعدون', need_attention: 'يحتاجون اهتمامًا',
      about_to_sleep: 'على وشك الخمول', at_risk: 'معرّضون للخطر', cant_lose: 'لا يجوز خسارتهم', hibernating: 'خاملون', lost: 'مفقودون' },
    step: { none: 'ليس عميلًا', lapsed: 'منقطعون', one_purchase: 'شراء واحد', second_purchase: 'شراء ثانٍ', regular: 'منتظمون', loyal: 'أوفياء', advocate: 'مناصرون' },
    group: { best: 'أفضل العملاء', rest: 'البقية', all_customers: 'كل العملاء', anonymous: 'مبيعات دون عميل' },
    scope: { company: 'الشركة كلها', outlet: 'المنفذ', manager: 'المدير' },
    mechanic: { tier: 'مستوى البطاقة', cumulative: 'الخصم التراكمي', club: 'نادي الخصم', promotion: 'عرض نقطة البيع', unattributed: 'غير مسجّل (مبيعات مستوردة)' },
  },
  figures: {
    'pareto': {
      customers: 'العملاء المشترون', revenue: 'الإيرادات', topShare: 'نسبة أفضل العملاء', topCustomers: 'عدد أفضل العملاء', topRevenue: 'إيرادات أفضل العملاء',
      topRevenueShare: 'نسبة الإيرادات من أفضل العملاء', revenueShare: 'نسبة الإيرادات', customersForRevenueShare: 'العملاء الذين يحققون هذه النسبة من الإيرادات',
      customerShareForRevenueShare: 'نسبة العملاء الذين يحققون هذه النسبة من الإيرادات',
    },
    'ladder': {
      'month': 'الشهر', 'previousMonth': 'الشهر السابق', 'advocatesKnown': 'المناصرون معروفون', 'advocates': 'المناصرون', 'advocatesReason': 'سبب عدم معرفة المناصرين',
      'regular.k': 'المنتظمون: أشهر فيها شراء', 'regular.n': 'المنتظمون: من آخر أشهر', 'loyal.k': 'الأوفياء: أشهر فيها شراء',
      'loyal.n': 'الأوفياء: من آخر أشهر', 'lapsedAfter': 'المنقطعون: أشهر دون شراء',
    },
    'rfm': {
      'customers': 'العملاء', 'thresholdsFrom': 'مصدر حدود الدرجات', 'thresholds.recencyDays': 'حدود R (أيام)', 'thresholds.frequency': 'حدود F (مشتريات)',
      'thresholds.monetary': 'حدود M (إيرادات)',
    },
    'abc-xyz': {
      'customers': 'العملاء', 'periods': 'الأشهر', 'revenue': 'الإيرادات', 'abc.a': 'حد A', 'abc.b': 'حد B', 'abc.c': 'حد C', 'xyz.x': 'حد X', 'xyz.y': 'حد Y',
    },
    'retention': {
      activityWindowMonths: 'نافذة النشاط بالأشهر', start: 'نشطون في البداية', end: 'نشطون في النهاية', new: 'جدد', retained: 'محتفَظ بهم', lost: 'مفقودون',
      reactivated: 'عائدون', crr: 'CRR ٪', churn: 'التسرّب ٪', averageMonthlyChurn: 'متوسط التسرّب الشهري ٪', repeatRate: 'نسبة الشراء المتكرر',
    },
    'new-returning': { buyers: 'العملاء المشترون', newBuyers: 'جدد', returningBuyers: 'عائدون', newRevenue: 'إيرادات الجدد', returningRevenue: 'إيرادات العائدين' },
    'cohorts': { cohorts: 'الأفواج', customers: 'العملاء في الأفواج' },
    'frequency': {
      customers: 'العملاء', visits: 'المشتريات', frequency: 'المشتريات لكل عميل', frequencyPerMonth: 'المشتريات لكل عميل شهريًا', repeatCustomers: 'العملاء المتكررون',
      repeatRate: 'نسبة العملاء المتكررين', averageIntervalDays: 'متوسط الفاصل بالأيام', medianIntervalDays: 'وسيط الفاصل بالأيام',
    },
    'seasonality': { revenue: 'الإيرادات', receipts: 'الإيصالات', timeZone: 'المنطقة الزمنية' },
    'best-customers': { bestShare: 'نسبة أفضل العملاء', bestCustomers: 'أفضل العملاء', ratio: 'كم مرة يزيد متوسط الإيصال' },
    'ltv': {
      averageReceipt: 'متوسط الإيصال (S)', purchasesPerMonth: 'المشتريات شهريًا (C)', marginShare: 'نسبة الهامش (P)', lifetimeMonths: 'عمر العميل بالأشهر (T)',
      lifetimeSource: 'مصدر عمر العميل', ltv: 'LTV (الهامش)', revenueLtv: 'LTV (الإيرادات)', costCoverage: 'نسبة الإيصالات المعروفة تكلفتها', monthlyChurn: 'التسرّب الشهري ٪',
    },
    'clv': {
      'available': 'النموذج متاح', 'reason': 'سبب غياب النموذج', 'warnings': 'تحذيرات', 'customers': 'العملاء في النموذج', 'horizonWeeks': 'الأفق بالأسابيع',
      'monthlyDiscountRate': 'معدل الخصم الشهري', 'totalClv': 'إجمالي CLV', 'meanClv': 'متوسط CLV', 'fitMs': 'زمن التقدير (مللي ثانية)',
      'bgnbd': 'BG/NBD', 'gammaGamma': 'Gamma-Gamma', 'holdout': 'الفترة المحجوزة',
      'bgnbd.r': 'BG/NBD r', 'bgnbd.alpha': 'BG/NBD α', 'bgnbd.a': 'BG/NBD a', 'bgnbd.b': 'BG/NBD b', 'bgnbd.ll': 'BG/NBD: لوغاريتم الأرجحية', 'bgnbd.converged': 'BG/NBD متقارب',
      'gammaGamma.p': 'Gamma-Gamma p', 'gammaGamma.q': 'Gamma-Gamma q', 'gammaGamma.v': 'Gamma-Gamma v', 'gammaGamma.ll': 'Gamma-Gamma: لوغاريتم الأرجحية',
      'gammaGamma.customers': 'Gamma-Gamma: العملاء', 'gammaGamma.converged': 'Gamma-Gamma متقارب',
      'holdout.status': 'الفترة المحجوزة: النتيجة', 'holdout.from': 'الفترة المحجوزة: من', 'holdout.weeks': 'الفترة المحجوزة: الأسابيع',
      'holdout.customers': 'الفترة المحجوزة: العملاء', 'holdout.predicted': 'الفترة المحجوزة: المشتريات المتوقعة', 'holdout.actual': 'الفترة المحجوزة: المشتريات الفعلية',
      'holdout.error': 'الفترة المحجوزة: الخطأ',
    },
    'slipping-away': {
      by: 'القيمة حسب', valueShare: 'نسبة العملاء ذوي القيمة', below: 'حد P(alive)', minDrop: 'أدنى تراجع في P(alive)', lookbackDays: 'خلال أيام',
      customers: 'العملاء المبتعدون', revenue: 'إيراداتهم (كل الوقت)', shown: 'المعروض',
    },
    'key-customers': { keyShare: 'العميل الرئيسي: نسبة الإيرادات فوق', alertLevels: 'مستويات التنبيه ٪', companyAlert: 'مستوى تنبيه الشركة ٪', keyCustomers: 'العملاء الرئيسيون (الشركة)' },
    'economics': {
      'memberRevenue': 'إيرادات الأعضاء', 'otherRevenue': 'إيرادات غير الأعضاء', 'memberShare': 'نسبة الأعضاء من الإيرادات', 'memberMargin': 'هامش الأعضاء',
      'otherMargin': 'هامش غير الأعضاء', 'memberMarginShare': 'نسبة هامش الأعضاء', 'otherMarginShare': 'نسبة هامش غير الأعضاء', 'discount': 'الخصم الممنوح',
      'discountShare': 'نسبة الخصم من السعر', 'pointsMoney': 'المدفوع بالنقاط', 'pointsEarned': 'النقاط المكتسبة', 'pointsSpent': 'النقاط المستخدمة',
      'ledgerAvailable': 'سجل النقاط محسوب', 'discountByMechanic': 'الخصم حسب الآلية',
      'points': 'النقاط', 'points.outstanding': 'النقاط في الحسابات في نهاية الفترة', 'points.pointValue': 'متوسط قيمة النقطة', 'points.liability': 'الالتزام بالنقاط',
      'points.issued': 'النقاط الممنوحة', 'points.spent': 'النقاط المستخدمة', 'points.expired': 'النقاط المنتهية', 'points.takenBack': 'النقاط المستردة', 'points.breakage': 'نسبة الانقضاء',
    },
  },
  figureValues: {
    thresholdsFrom: { quintiles: 'خُمسيات العملاء', settings: 'إعدادات المؤسسة' },
    advocatesReason: { no_referral_or_nps_data: 'لا توجد بيانات إحالات أو NPS' },
    lifetimeSource: { churn: '100 ÷ متوسط التسرّب الشهري', owner: 'حدّده المالك' },
    reason: { no_repeat_purchases: 'لا مشتريات متكررة', too_few_customers: 'عملاء أقل من اللازم', not_converged: 'لم يتقارب التقدير', not_computable: 'لا يمكن حساب التنبؤ' },
    warnings: { few_customers: 'عملاء قليلون', edge_of_parameter_space: 'حافة فضاء المعلمات', spend_not_converged: 'نموذج الإنفاق لم يتقارب' },
    'holdout.status': {
      ok: 'محسوب', no_history: 'لا تاريخ قبل الفترة', no_repeat_purchases: 'لا مشتريات متكررة قبل الفترة', too_few_customers: 'عملاء أقل من اللازم قبل الفترة',
      not_converged: 'لم يتقارب التقدير', not_computable: 'لا يمكن حساب التنبؤ', no_purchases: 'لا مشتريات متكررة في الفترة',
    },
    by: { revenue: 'الإيرادات', clv: 'CLV التنبؤية' },
  },
  ltv: {
    names: { 'average receipt': 'متوسط الإيصال', 'purchases per month': 'المشتريات شهريًا', 'margin share': 'نسبة الهامش', 'average lifetime': 'متوسط عمر العميل', 'revenue over the lifetime': 'الإيرادات على مدى العمر' },
    units: { money: 'مال', 'receipts per customer per month': 'إيصالات لكل عميل شهريًا', share: 'نسبة', months: 'أشهر' },
  },
};

export const EXPORT_TEXTS: Record<NoteLanguage, ExportTexts> = { en, ru, ar };
