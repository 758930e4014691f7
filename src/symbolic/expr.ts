// The expression type shared by the parser, symbolic differentiation and the graph builder.

/** Elementary functions of one argument that expressions may call. */
export type UnaryFunction =
  "neg" | "exp" | "log" | "sin" | "cos" | "tanh" | "sqrt" | "relu" | "sigmoid";

/** Binary operators: + − · / and power. */
export type BinaryOperator = "+" | "-" | "*" | "/" | "^";

/** An expression tree; identical subtrees may be shared objects (a DAG). */
export type Expr =
  | { readonly kind: "const"; readonly value: number }
  | { readonly kind: "var"; readonly name: string }
  | { readonly kind: "unary"; readonly op: UnaryFunction; readonly arg: Expr }
  | {
      readonly kind: "binary";
      readonly op: BinaryOperator;
      readonly left: Expr;
      readonly right: Expr;
    };
