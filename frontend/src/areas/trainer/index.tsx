import type { Area } from '../types';
import { Page } from '../../components/ui';
import { useTranslation } from 'react-i18next';

function Home() {
  const { t } = useTranslation('trainer');
  return <Page title={t('title')}>{null}</Page>;
}

export const area: Area = {
  id: 'trainer',
  roles: ['TRAINER'],
  nav: [{ to: '/trainer', label: 'nav.home' }],
  routes: [{ path: '/trainer', element: <Home /> }],
};
