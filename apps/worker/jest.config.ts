export default {
  displayName: 'worker',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/apps/worker',
};
