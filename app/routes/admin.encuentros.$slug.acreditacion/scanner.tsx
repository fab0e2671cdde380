import { useEffect, useRef, useState } from "react";
import { useT } from "~/i18n/index";

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorConstructor = new (options: { formats: string[] }) => BarcodeDetectorLike;

/** The phone's camera read in the page, where the browser has a QR detector (BarcodeDetector). */
export function Scanner({ onCode, busy }: { onCode: (code: string) => void; busy: boolean }) {
  const t = useT();
  const c = t.registration.checkin;
  const videoRef = useRef<HTMLVideoElement>(null);
  const [supported, setSupported] = useState<boolean | null>(null);
  const [active, setActive] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const last = useRef<{ code: string; at: number }>({ code: "", at: 0 });
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;
  const busyRef = useRef(busy);
  busyRef.current = busy;

  useEffect(() => {
    setSupported(typeof window !== "undefined" && "BarcodeDetector" in window && Boolean(navigator.mediaDevices?.getUserMedia));
  }, []);

  useEffect(() => {
    if (!active) return;
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | undefined;
    let stopped = false;
    (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
        if (stopped || !videoRef.current) return;
        videoRef.current.srcObject = stream;
        await videoRef.current.play();
        const Detector = (window as unknown as { BarcodeDetector: BarcodeDetectorConstructor }).BarcodeDetector;
        const detector = new Detector({ formats: ["qr_code"] });
        timer = setInterval(async () => {
          if (!videoRef.current || busyRef.current) return;
          try {
            const [code] = await detector.detect(videoRef.current);
            // The same code in view for a moment is one scan, not twenty.
            if (code?.rawValue && (code.rawValue !== last.current.code || Date.now() - last.current.at > 5000)) {
              last.current = { code: code.rawValue, at: Date.now() };
              onCodeRef.current(code.rawValue);
            }
          } catch {
            // a frame that could not be read
          }
        }, 300);
      } catch {
        setProblem(c.cameraDenied);
        setActive(false);
      }
    })();
    return () => {
      stopped = true;
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [active, c.cameraDenied]);

  if (supported === null) return null;
  if (!supported) return <p className="muted">{c.noCamera}</p>;
  return (
    <div className="stack">
      <div>
        <button type="button" className="button" onClick={() => setActive((v) => !v)} aria-pressed={active}>
          {active ? c.stopScan : c.scan}
        </button>
      </div>
      {problem ? <p className="alert alert--error">{problem}</p> : null}
      {active ? <video ref={videoRef} className="checkin__video" muted playsInline aria-label={c.scan} /> : null}
    </div>
  );
}
