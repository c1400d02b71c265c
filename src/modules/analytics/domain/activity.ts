// Each customer's purchase months over a span of months, in compressed rows: the input of every
// period measure (ladder, retention, churn, new vs returning, cohorts, XYZ). A purchase "visit" is a
// purchase day: receipts of one customer on one local day count once, as in the CLV models.

export interface MonthlyActivity {
  customers: number;
  /** First month the activity lists cover; nothing is known month by month before it. */
  spanStart: number;
  /** Last month covered. */
  spanEnd: number;
  /** Customer i's entries are offsets[i] … offsets[i+1]−1, months ascending, each month once. */
  offsets: Int32Array;
  month: Int32Array;
  visits: Int32Array;
  revenue: Float64Array;
  /** Month of the customer's first purchase ever (may be before spanStart). */
  firstMonth: Int32Array;
  /** Purchase days before spanStart. */
  visitsBefore: Int32Array;
}

export interface ActivityBuilder {
  /** Adds one month of the current customer (months must come in ascending order). */
  push(month: number, visits: number, revenue: number): void;
  /** Closes the current customer. */
  endCustomer(firstMonth: number, visitsBefore: number): void;
  build(): MonthlyActivity;
}

export function activityBuilder(spanStart: number, spanEnd: number, expectedCustomers = 16, expectedEntries = 64): ActivityBuilder {
  let offsets = new Int32Array(Math.max(2, expectedCustomers + 1));
  let firstMonth = new Int32Array(Math.max(1, expectedCustomers));
  let visitsBefore = new Int32Array(Math.max(1, expectedCustomers));
  let month = new Int32Array(Math.max(1, expectedEntries));
  let visits = new Int32Array(Math.max(1, expectedEntries));
  let revenue = new Float64Array(Math.max(1, expectedEntries));
  let customers = 0;
  let entries = 0;
  const grow = <T extends Int32Array | Float64Array>(a: T, need: number): T => {
    if (need <= a.length) return a;
    const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
    b.set(a);
    return b;
  };
  return {
    push(m, v, r) {
      if (m < spanStart || m > spanEnd) throw new RangeError(`month ${m} is outside the span ${spanStart}–${spanEnd}`);
      if (entries > (offsets[customers] as number) && (month[entries - 1] as number) >= m) throw new RangeError('months of a customer must be distinct and ascending');
      month = grow(month, entries + 1);
      visits = grow(visits, entries + 1);
      revenue = grow(revenue, entries + 1);
      month[entries] = m;
      visits[entries] = v;
      revenue[entries] = r;
      entries++;
    },
    endCustomer(first, before) {
      offsets = grow(offsets, customers + 2);
      firstMonth = grow(firstMonth, customers + 1);
      visitsBefore = grow(visitsBefore, customers + 1);
      firstMonth[customers] = first;
      visitsBefore[customers] = before;
      customers++;
      offsets[customers] = entries;
    },
    build() {
      return {
        customers, spanStart, spanEnd,
        offsets: offsets.slice(0, customers + 1), month: month.slice(0, entries), visits: visits.slice(0, entries), revenue: revenue.slice(0, entries),
        firstMonth: firstMonth.slice(0, customers), visitsBefore: visitsBefore.slice(0, customers),
      };
    },
  };
}

/** For tests and small inputs: one list of [month, visits, revenue] per customer. */
export function activityFromLists(spanStart: number, spanEnd: number, customers: readonly { months: readonly (readonly [number, number, number])[]; firstMonth?: number; visitsBefore?: number }[]): MonthlyActivity {
  const b = activityBuilder(spanStart, spanEnd, customers.length);
  for (const c of customers) {
    for (const [m, v, r] of c.months) b.push(m, v, r);
    const first = c.firstMonth ?? c.months[0]?.[0];
    if (first === undefined) throw new RangeError('a customer without months needs firstMonth');
    b.endCustomer(first, c.visitsBefore ?? 0);
  }
  return b.build();
}

/** Checks that the span reaches `back` months before `month`, so a window of that length is fully known. */
export function assertCovered(a: MonthlyActivity, month: number, back: number, what: string): void {
  if (month - back + 1 < a.spanStart || month > a.spanEnd) {
    throw new RangeError(`${what}: month ${month} with ${back} months of history needs the activity span to start by ${month - back + 1} (it starts at ${a.spanStart})`);
  }
}
