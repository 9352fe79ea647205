// A small line chart on a canvas: the last `points` values, newest at the right, scaled to the largest
// value shown (at least `minMax`), with a faint baseline and the maximum written at the top left.

export class Sparkline {
  constructor(canvas, { color = '#1f6feb', points = 60, minMax = 1, step = false } = {}) {
    this.canvas = canvas;
    this.color = color;
    this.points = points;
    this.minMax = minMax;
    this.step = step;
    this.values = [];
  }

  push(value) {
    this.values.push(Number.isFinite(value) ? value : 0);
    if (this.values.length > this.points) {
      this.values.splice(0, this.values.length - this.points);
    }
    this.canvas.dataset.points = String(this.values.length);
    this.draw();
  }

  draw() {
    const canvas = this.canvas;
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(canvas.clientWidth || canvas.width));
    const height = Math.max(1, Math.round(canvas.clientHeight || canvas.height));
    if (canvas.width !== width * ratio || canvas.height !== height * ratio) {
      canvas.width = width * ratio;
      canvas.height = height * ratio;
    }
    const g = canvas.getContext('2d');
    if (!g) {
      return;
    }
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);

    const top = 14;
    const bottom = height - 2;
    const max = Math.max(this.minMax, ...this.values);
    const x = (i) => (this.points <= 1 ? width : (i + this.points - this.values.length) * (width / (this.points - 1)));
    const y = (v) => bottom - (v / max) * (bottom - top);

    g.strokeStyle = '#eaeef2';
    g.lineWidth = 1;
    g.beginPath();
    g.moveTo(0, bottom + 0.5);
    g.lineTo(width, bottom + 0.5);
    g.moveTo(0, top + 0.5);
    g.lineTo(width, top + 0.5);
    g.stroke();

    g.fillStyle = '#8c959f';
    g.font = '10px system-ui, sans-serif';
    g.textBaseline = 'top';
    g.fillText('max ' + formatNumber(max), 2, 1);

    if (this.values.length === 0) {
      return;
    }
    g.beginPath();
    this.values.forEach((v, i) => {
      if (i === 0) {
        g.moveTo(x(i), y(v));
      } else if (this.step) {
        g.lineTo(x(i), y(this.values[i - 1]));
        g.lineTo(x(i), y(v));
      } else {
        g.lineTo(x(i), y(v));
      }
    });
    g.strokeStyle = this.color;
    g.lineWidth = 1.5;
    g.stroke();

    g.lineTo(x(this.values.length - 1), bottom);
    g.lineTo(x(0), bottom);
    g.closePath();
    g.globalAlpha = 0.12;
    g.fillStyle = this.color;
    g.fill();
    g.globalAlpha = 1;
  }
}

export function formatNumber(value) {
  if (!Number.isFinite(value)) {
    return '–';
  }
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
