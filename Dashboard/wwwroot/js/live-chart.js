// Appends points with their hover values to a drawn plotly chart (Plotly.Blazor's extendTraces sends x and y only).
// False, and nothing done, while the chart is not drawn yet (plotly.js still loading, or its first plot not made):
// the caller then redraws the whole chart through Plotly.Blazor, which waits for plotly.js.
export function extendWithHover(id, update, indices) {
    const plot = document.getElementById(id);
    if (!window.Plotly || !Array.isArray(plot?.data)) return false;
    window.Plotly.extendTraces(id, update, indices);
    return true;
}
