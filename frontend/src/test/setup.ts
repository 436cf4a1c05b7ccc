import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';
// jsdom lacks <dialog>.showModal()/close(); the shared Dialog uses them.
import './dialogPolyfill';

afterEach(() => cleanup());
