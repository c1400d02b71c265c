// The Cards & programs area: cards and their holders, bearer batches, programs and the club.
import { Route } from 'react-router-dom';
import { BatchesPage } from './BatchesPage';
import { CardPage } from './CardPage';
import { CardsLayout } from './CardsLayout';
import { CardsListPage } from './CardsListPage';
import { ClubPage } from './ClubPage';
import { CustomerPointsPage } from './CustomerPoints';
import { IssueCardPage } from './IssueCardPage';
import { ProgramEditorPage } from './ProgramEditorPage';
import { ProgramsPage } from './ProgramsPage';
import '../../components/area.css';
import './cards.css';

export const cardsRoutes = (
  <Route element={<CardsLayout />}>
    <Route index element={<CardsListPage />} />
    <Route path="issue" element={<IssueCardPage />} />
    <Route path="batches" element={<BatchesPage />} />
    <Route path="programs" element={<ProgramsPage />} />
    <Route path="programs/new" element={<ProgramEditorPage />} />
    <Route path="programs/:id" element={<ProgramEditorPage />} />
    <Route path="club" element={<ClubPage />} />
    <Route path="customers/:customerId" element={<CustomerPointsPage />} />
    <Route path=":id" element={<CardPage />} />
  </Route>
);
