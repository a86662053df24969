import { saveDownload } from './download';

/** A stand-in document that records the link it makes (the client's unit tests run in Node). */
function fakeDocument() {
  const link = {
    href: '',
    download: '',
    hidden: false,
    click: jest.fn(),
    remove: jest.fn(),
  };
  const document = {
    createElement: jest.fn(() => link),
    body: { appendChild: jest.fn() },
  };
  return { link, document };
}

describe('saveDownload', () => {
  beforeEach(() => {
    jest.useFakeTimers();
    jest.spyOn(URL, 'createObjectURL').mockReturnValue('blob:report');
    jest.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  });

  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('clicks a hidden link named for the file and revokes its URL only after ten seconds', () => {
    const { link, document } = fakeDocument();
    const file = new Blob(['a;b\n'], { type: 'text/csv' });

    saveDownload(document as unknown as Document, file, 'report-2024.csv');

    expect(URL.createObjectURL).toHaveBeenCalledWith(file);
    expect(document.createElement).toHaveBeenCalledWith('a');
    expect(link.href).toBe('blob:report');
    expect(link.download).toBe('report-2024.csv');
    expect(link.hidden).toBe(true);
    expect(document.body.appendChild).toHaveBeenCalledWith(link);
    expect(link.click).toHaveBeenCalledTimes(1);
    expect(link.remove).toHaveBeenCalledTimes(1);
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();

    jest.advanceTimersByTime(9_999);
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();

    jest.advanceTimersByTime(1);
    expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:report');
  });
});
