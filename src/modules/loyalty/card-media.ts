// What a card looks like on paper and on screens: barcodes (EAN-13 for EAN numbers, Code 128 for
// others), QR codes (PNG or SVG) and a printable PDF sheet of a batch, ten credit-card-sized cards per
// A4 page with cut marks.
import bwipjs from 'bwip-js';
import fs from 'node:fs';
import type { ServiceContext } from '../../platform/context.js';
import { scoped } from '../../platform/db/tenant.js';
import { AppError, notFound } from '../../platform/errors.js';
import { requirePermission, type Actor } from '../tenancy/index.js';
import { findTier } from './domain/index.js';
import { getCard } from './cards.js';
import { orgSettings } from './org.js';
import { requireProgram } from './programs.js';

export type Symbology = 'ean13' | 'code128' | 'qrcode';

function renderOptions(number: string, symbology: Symbology) {
  if (symbology === 'qrcode') return { bcid: 'qrcode', text: number, scale: 4, padding: 2 };
  if (symbology === 'ean13' && !/^\d{13}$/.test(number)) {
    throw new AppError('validation_failed', 'symbology: EAN-13 needs a 13-digit card number; use code128', { issues: [{ path: 'symbology', message: 'EAN-13 needs 13 digits' }] });
  }
  return { bcid: symbology, text: number, scale: 3, height: 14, includetext: true, textxalign: 'center' as const };
}

const defaultSymbology = (number: string): Symbology => (/^\d{13}$/.test(number) ? 'ean13' : 'code128');

export async function cardImage(ctx: ServiceContext, actor: Actor, id: string, format: 'svg' | 'png', kind: 'barcode' | 'qr', symbology?: Symbology) {
  const card = await getCard(ctx, actor, id);
  const sym: Symbology = kind === 'qr' ? 'qrcode' : symbology ?? defaultSymbology(card.number);
  const opts = renderOptions(card.number, sym);
  if (format === 'svg') return { contentType: 'image/svg+xml', body: bwipjs.toSVG(opts) };
  return { contentType: 'image/png', body: await bwipjs.toBuffer(opts) };
}

/** QR code of any short text (the one-time token on a customer's page). */
export function qrSvg(text: string): string {
  return bwipjs.toSVG({ bcid: 'qrcode', text, scale: 4, padding: 2 });
}

// PDF's built-in fonts cover Latin only; organization names are often Cyrillic, Greek or Arabic.
const UNICODE_FONTS = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf', '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf'];
const unicodeFont = UNICODE_FONTS.find((f) => fs.existsSync(f)) ?? null;

const MM = 72 / 25.4;
const CARD_W = 85.6 * MM;
const CARD_H = 53.98 * MM;
export const MAX_SHEET_CARDS = 1000;

/** A printable PDF of a batch's cards (from `offset`, at most MAX_SHEET_CARDS), ten per A4 page. */
export async function batchSheet(ctx: ServiceContext, actor: Actor, batchId: string, offset: number, count: number): Promise<Buffer> {
  requirePermission(actor, 'programs.manage');
  const batch = await scoped(ctx.db, actor).selectFrom('loyalty_card_batches').selectAll().where('id', '=', batchId).executeTakeFirst();
  if (!batch) throw notFound('card_batch', { id: batchId });
  const cards = await scoped(ctx.db, actor).selectFrom('loyalty_cards').select(['number', 'tier']).where('batch_id', '=', batchId)
    .orderBy('number').offset(offset).limit(Math.min(count, MAX_SHEET_CARDS)).execute();
  const program = await requireProgram(ctx.db, actor, batch.program_id);
  const { name } = await orgSettings(ctx, actor);
  const images = await Promise.all(cards.map((c) => bwipjs.toBuffer({ ...renderOptions(c.number, defaultSymbology(c.number)), scale: 2, height: 10 })));
  // pdfkit takes ~0.4 s to load: only when a sheet is printed, not at every start of the server.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({ size: 'A4', margin: 0, info: { Title: `${name} — ${program.name} cards`, Producer: 'Regulars' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  if (unicodeFont) doc.font(unicodeFont);
  const marginX = (doc.page.width - 2 * CARD_W) / 3;
  const marginY = (doc.page.height - 5 * CARD_H) / 6;
  cards.forEach((card, i) => {
    const slot = i % 10;
    if (i > 0 && slot === 0) doc.addPage();
    const x = marginX + (slot % 2) * (CARD_W + marginX);
    const y = marginY + Math.floor(slot / 2) * (CARD_H + marginY);
    doc.lineWidth(0.3).strokeColor('#999999').roundedRect(x, y, CARD_W, CARD_H, 3 * MM).stroke();
    const tier = findTier(program.config, card.tier)?.name ?? card.tier;
    doc.fillColor('#000000').fontSize(11).text(name, x + 4 * MM, y + 4 * MM, { width: CARD_W - 8 * MM, lineBreak: false, ellipsis: true });
    doc.fontSize(8).fillColor('#555555').text(`${program.name} · ${tier}`, x + 4 * MM, y + 10 * MM, { width: CARD_W - 8 * MM, lineBreak: false, ellipsis: true });
    doc.image(images[i]!, x + 8 * MM, y + 20 * MM, { fit: [CARD_W - 16 * MM, CARD_H - 26 * MM], align: 'center' });
  });
  if (cards.length === 0) doc.fontSize(12).text('No cards in this range.', 40, 40);
  doc.end();
  return done;
}

