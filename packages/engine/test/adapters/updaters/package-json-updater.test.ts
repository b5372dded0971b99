import { describeUpdaterFixtures } from './run-updater-fixtures.js';

describeUpdaterFixtures('package-json');
