export default {
  displayName: 'common',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/common',
};
