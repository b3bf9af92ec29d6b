// Text widths in the graph's fonts, measured on a canvas as cytoscape will draw them, so the layout reserves
// exactly the room a name or a label takes.

export class TextMeasure {
  private readonly ctx = document.createElement('canvas').getContext('2d');
  private readonly cache = new Map<string, number>();
  private family = '';

  setFamily(family: string): void {
    if (family === this.family) return;
    this.family = family;
    this.cache.clear();
  }

  width(text: string, px: number, bold = false): number {
    const key = `${px}${bold ? 'b' : ''}\n${text}`;
    let w = this.cache.get(key);
    if (w === undefined) {
      if (this.ctx) this.ctx.font = `${bold ? 'bold ' : ''}${px}px ${this.family}`;
      w = this.ctx ? this.ctx.measureText(text).width : text.length * px * 0.6;
      this.cache.set(key, w);
    }
    return w;
  }
}
