// Public surface of the customers module.
export { createCustomer, findCustomerIdsByPhone, getCustomer, type Customer, type CustomerInput } from './service.js';
export { customerRoutes } from './routes.js';
