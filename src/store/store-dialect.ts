// Which database engine holds the history: the only place the schema differs is how an identity column is declared.
export type StoreDialect = "sqlite" | "postgres";
