import type { Area } from '../types';
import { Page } from '../../components/ui';
import { useTranslation } from 'react-i18next';

function Home() {
  const { t } = useTranslation('hr');
  return <Page title={t('title')}>{null}</Page>;
}

export const area: Area = {
  id: 'hr',
  roles: ['HR'],
  nav: [{ to: '/hr', label: 'nav.home' }],
  routes: [{ path: '/hr', element: <Home /> }],
};
