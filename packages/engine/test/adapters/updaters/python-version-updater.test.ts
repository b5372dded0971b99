import { describeUpdaterFixtures } from './run-updater-fixtures.js';

describeUpdaterFixtures('python-version');
