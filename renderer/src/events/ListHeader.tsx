/** Column titles aligned with EventRow's grid. */
export function ListHeader() {
  return (
    <div className="row row-header" role="row" aria-hidden="true">
      <span className="c-time">Received</span>
      <span className="c-entity">Entity</span>
      <span className="c-op">Op</span>
      <span className="c-summary">Summary</span>
      <span className="c-version">Ver.</span>
      <span className="c-attempts" title="Attempts">
        #
      </span>
      <span className="c-size">Size</span>
    </div>
  );
}
