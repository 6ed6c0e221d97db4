import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { TICK_SPACE, timeTickLabels } from './time-axis';

export interface Band {
  start: number;
  end: number;
  label: string;
}

interface Props {
  /** x in seconds (uPlot's time scale), then one array per series; null is a gap. */
  data: uPlot.AlignedData;
  series: uPlot.Series[];
  /** Time ranges shaded and labelled on the plot (e.g. tunnel outages), in seconds. */
  bands?: readonly Band[];
  yLabel: string;
  height?: number;
  testId: string;
}

const css = (name: string) => getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';

/** A uPlot time-series chart sized to its container; outages are drawn behind the series. */
export function Chart({ data, series, bands = [], yLabel, height = 200, testId }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const bandsRef = useRef(bands);
  bandsRef.current = bands;

  useEffect(() => {
    const el = host.current!;
    const axis = { stroke: css('--fg-muted'), grid: { stroke: css('--line') }, ticks: { stroke: css('--line') } };
    const opts: uPlot.Options = {
      width: el.clientWidth || 600,
      height,
      series: [{}, ...series],
      axes: [
        { ...axis, space: TICK_SPACE, size: 50, values: (_u, splits) => timeTickLabels(splits) },
        { ...axis, label: yLabel, size: 60 },
      ],
      scales: { x: { time: true } },
      legend: { live: true },
      hooks: {
        drawClear: [
          (u) => {
            const { ctx } = u;
            ctx.save();
            for (const band of bandsRef.current) {
              const x0 = u.valToPos(band.start, 'x', true);
              const x1 = u.valToPos(band.end, 'x', true);
              ctx.fillStyle = 'rgba(194, 53, 47, 0.12)';
              ctx.fillRect(x0, u.bbox.top, Math.max(2, x1 - x0), u.bbox.height);
              ctx.fillStyle = css('--danger');
              ctx.font = `${11 * devicePixelRatio}px sans-serif`;
              ctx.fillText(band.label, x0 + 4, u.bbox.top + 14 * devicePixelRatio);
            }
            ctx.restore();
          },
        ],
      },
    };
    plot.current = new uPlot(opts, data, el);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: el.clientWidth, height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // Series and labels are fixed per chart; data updates go through setData below.
  }, [height, yLabel]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data, bands]);

  return <div ref={host} className="chart" data-testid={testId} data-points={data[0].length} />;
}
