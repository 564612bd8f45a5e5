// Package entry: n8n loads the classes through package.json's "n8n" section; this file lets
// other code (and tests of the packed tarball) require them directly from the built dist/.
module.exports = {
	...require('./dist/credentials/CoreplusApi.credentials.js'),
	...require('./dist/nodes/Coreplus/Coreplus.node.js'),
	...require('./dist/nodes/CoreplusTrigger/CoreplusTrigger.node.js'),
};
