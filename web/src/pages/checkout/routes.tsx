// The Checkout area: the cashier screen.
import { Route } from 'react-router-dom';
import { CheckoutPage } from './CheckoutPage';
import '../../components/area.css';
import './checkout.css';

export const checkoutRoutes = <Route index element={<CheckoutPage />} />;
