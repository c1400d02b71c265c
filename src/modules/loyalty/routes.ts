// All loyalty HTTP routes (and loyalty's hooks into the customer base); app/server.ts calls this one function.
import type { ServiceContext } from '../../platform/context.js';
import type { HttpApp } from '../../platform/http.js';
import { registerLoyaltyCustomerHooks } from './customer-hooks.js';
import { cardRoutes } from './routes-cards.js';
import { checkoutRoutes } from './routes-checkout.js';
import { customerPointsRoutes } from './routes-customers.js';
import { programRoutes } from './routes-programs.js';

export async function loyaltyRoutes(app: HttpApp, ctx: ServiceContext): Promise<void> {
  registerLoyaltyCustomerHooks(ctx);
  await programRoutes(app, ctx);
  await cardRoutes(app, ctx);
  await checkoutRoutes(app, ctx);
  await customerPointsRoutes(app, ctx);
}
