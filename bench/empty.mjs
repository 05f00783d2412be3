// The start-up floor: Node.js itself, loading nothing.
