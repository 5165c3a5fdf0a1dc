// Stands in for `server-only`, which only resolves inside Next's server bundle.
export {};
