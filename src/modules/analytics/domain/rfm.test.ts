import { describe, expect, it } from 'vitest';
import { fmScore, quintileBreakpoints, rfm, rfmSegment, RFM_SEGMENTS } from './rfm.js';

describe('RFM', () => {
  // Five customers, every value distinct, so the quintile breakpoints are the four smallest values
  // (b_j = the ⌈j·5/5⌉-th smallest = the j-th smallest):
  //   recency days  5   40  100  200  400    b = 5, 40, 100, 200   R = 5 − #{b < days}:   5 4 3 2 1
  //   frequency    10    6    3    2    1    b = 1, 2, 3, 6        F = 1 + #{b < value}:  5 4 3 2 1
  //   monetary   5000 3000  800 2500  100    b = 100, 800, 2500, 3000                     5 4 2 3 1
  //   FM = round((F + M) / 2), halves up:                                                 5 4 3 3 1
  //   segment: R5 FM5 champions, R4 FM4 loyal, R3 FM3 need_attention, R2 FM3 at_risk, R1 FM1 lost
  const input = { recencyDays: [5, 40, 100, 200, 400], frequency: [10, 6, 3, 2, 1], monetary: [5000, 3000, 800, 2500, 100] };

  it('scores by quintiles and names the segments', () => {
    const r = rfm(input);
    expect(r.thresholds).toEqual({ recency: [5, 40, 100, 200], frequency: [1, 2, 3, 6], monetary: [100, 800, 2500, 3000] });
    expect([...r.r]).toEqual([5, 4, 3, 2, 1]);
    expect([...r.f]).toEqual([5, 4, 3, 2, 1]);
    expect([...r.m]).toEqual([5, 4, 2, 3, 1]);
    expect([...r.segment].map((k) => RFM_SEGMENTS[k])).toEqual(['champions', 'loyal', 'need_attention', 'at_risk', 'lost']);
  });

  it('sums customers and revenue per segment, with averages', () => {
    const r = rfm(input);
    const at = (s: string) => r.segments.find((x) => x.segment === s)!;
    expect(at('champions')).toEqual({ segment: 'champions', customers: 1, share: 0.2, revenue: 5000, revenueShare: 5000 / 11400, avgRecencyDays: 5, avgFrequency: 10, avgMonetary: 5000 });
    expect(at('promising')).toMatchObject({ customers: 0, revenue: 0, avgRecencyDays: null });
    expect(r.segments.map((x) => x.segment)).toEqual([...RFM_SEGMENTS]);
    expect(r.grid).toHaveLength(25);
    expect(r.grid.find((c) => c.r === 2 && c.fm === 3)).toEqual({ r: 2, fm: 3, segment: 'at_risk', customers: 1 });
  });

  it('gives equal values equal scores', () => {
    // Frequencies 1 1 1 1 2: the breakpoints are all 1, so the four single buyers score 1 and the other 5.
    expect(quintileBreakpoints([1, 1, 1, 1, 2])).toEqual([1, 1, 1, 1]);
    const r = rfm({ recencyDays: [1, 1, 1, 1, 1], frequency: [1, 1, 1, 1, 2], monetary: [1, 1, 1, 1, 1] });
    expect([...r.f]).toEqual([1, 1, 1, 1, 5]);
  });

  it('uses the owner\'s thresholds when given', () => {
    // 45 days: above 30 only → R 4; 3 purchases: above 1 and 2 → F 3; 6000: above 1000, 2000, 5000 → M 4;
    // FM = round(3.5) = 4 → loyal.
    const r = rfm({ recencyDays: [45], frequency: [3], monetary: [6000] }, { recency: [30, 60, 120, 240], frequency: [1, 2, 4, 8], monetary: [1000, 2000, 5000, 10000] });
    expect([r.r[0], r.f[0], r.m[0]]).toEqual([4, 3, 4]);
    expect(RFM_SEGMENTS[r.segment[0]!]).toBe('loyal');
    expect(() => rfm(input, { recency: [30, 20, 120, 240], frequency: [1, 2, 4, 8], monetary: [1, 2, 3, 4] })).toThrow(/must not decrease/);
  });

  it('names every cell of the 5 × 5 grid with one of the eleven segments', () => {
    const seen = new Set<string>();
    for (let r = 1; r <= 5; r++) for (let fm = 1; fm <= 5; fm++) seen.add(rfmSegment(r, fm, fm));
    expect([...seen].sort()).toEqual([...RFM_SEGMENTS].sort());
    expect(fmScore(2, 3)).toBe(3);
    expect(rfmSegment(5, 1, 1)).toBe('new');
    expect(rfmSegment(1, 5, 5)).toBe('cant_lose');
    expect(() => rfmSegment(0, 1, 1)).toThrow(/1 to 5/);
  });
});
