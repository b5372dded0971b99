import { describeUpdaterFixtures } from './run-updater-fixtures.js';

describeUpdaterFixtures('pattern');
