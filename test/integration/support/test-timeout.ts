// jest's testTimeout is a global option, ignored inside a project entry; this sets it for integration
// tests only. Every wait inside a test has its own, shorter deadline; this only catches a hang outside one.
jest.setTimeout(180_000);
