package cx.returns.domain;

/** The condition of returned goods, as declared by the customer or found by inspection. */
public enum ItemCondition {
  UNOPENED, OPENED, USED, DAMAGED
}
