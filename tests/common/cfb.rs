//! A minimal OLE2 compound file (CFB, version 3, 512-byte sectors) built in the
//! test: what Excel writes around an encrypted .xlsx (`EncryptionInfo` and
//! `EncryptedPackage` streams) or a legacy .xls (`Workbook` stream).

const FREE: u32 = 0xFFFF_FFFF;
const END: u32 = 0xFFFF_FFFE;
const FAT: u32 = 0xFFFF_FFFD;
const SECTOR: usize = 512;
/// Streams at least this long live in ordinary sectors (no mini stream needed).
const MINI_CUTOFF: usize = 4096;

fn put_u16(b: &mut [u8], at: usize, v: u16) {
    b[at..at + 2].copy_from_slice(&v.to_le_bytes());
}

fn put_u32(b: &mut [u8], at: usize, v: u32) {
    b[at..at + 4].copy_from_slice(&v.to_le_bytes());
}

fn dir_entry(name: &str, kind: u8, right: u32, child: u32, start: u32, len: u32) -> [u8; 128] {
    let mut e = [0u8; 128];
    let units: Vec<u16> = name.encode_utf16().chain([0]).collect();
    for (i, u) in units.iter().enumerate() {
        put_u16(&mut e, i * 2, *u);
    }
    put_u16(&mut e, 64, (units.len() * 2) as u16);
    e[66] = kind;
    e[67] = 1; // black
    put_u32(&mut e, 68, FREE);
    put_u32(&mut e, 72, right);
    put_u32(&mut e, 76, child);
    put_u32(&mut e, 116, start);
    put_u32(&mut e, 120, len);
    e
}

/// A compound file holding `streams` (at most 3), each padded with zeros to at
/// least 4096 bytes so that it sits in ordinary sectors.
pub fn compound_file(streams: &[(&str, Vec<u8>)]) -> Vec<u8> {
    assert!(streams.len() <= 3);
    let mut fat = vec![FAT, END];
    let mut data = Vec::new();
    let mut entries = vec![dir_entry(
        "Root Entry",
        5,
        FREE,
        if streams.is_empty() { FREE } else { 1 },
        END,
        0,
    )];
    for (i, (name, bytes)) in streams.iter().enumerate() {
        let mut bytes = bytes.clone();
        bytes.resize(bytes.len().max(MINI_CUTOFF), 0);
        let start = 2 + data.len() / SECTOR;
        let sectors = bytes.len().div_ceil(SECTOR);
        for s in 0..sectors {
            fat.push(if s + 1 == sectors {
                END
            } else {
                (start + s + 1) as u32
            });
        }
        let len = bytes.len() as u32;
        bytes.resize(sectors * SECTOR, 0);
        data.extend_from_slice(&bytes);
        let right = if i + 1 < streams.len() {
            i as u32 + 2
        } else {
            FREE
        };
        entries.push(dir_entry(name, 2, right, FREE, start as u32, len));
    }
    assert!(fat.len() <= SECTOR / 4, "too much data for one FAT sector");
    while entries.len() < 4 {
        entries.push(dir_entry("", 0, FREE, FREE, 0, 0));
    }
    let mut out = vec![0u8; SECTOR];
    out[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    put_u16(&mut out, 24, 0x003E);
    put_u16(&mut out, 26, 0x0003);
    put_u16(&mut out, 28, 0xFFFE);
    put_u16(&mut out, 30, 0x0009);
    put_u16(&mut out, 32, 0x0006);
    put_u32(&mut out, 44, 1); // one FAT sector
    put_u32(&mut out, 48, 1); // the directory starts at sector 1
    put_u32(&mut out, 56, MINI_CUTOFF as u32);
    put_u32(&mut out, 60, END);
    put_u32(&mut out, 68, END);
    for i in 0..109 {
        put_u32(&mut out, 76 + i * 4, if i == 0 { 0 } else { FREE });
    }
    let mut fat_sector = vec![0u8; SECTOR];
    for i in 0..SECTOR / 4 {
        put_u32(&mut fat_sector, i * 4, fat.get(i).copied().unwrap_or(FREE));
    }
    out.extend_from_slice(&fat_sector);
    for e in &entries {
        out.extend_from_slice(e);
    }
    out.extend_from_slice(&data);
    out
}

/// What Excel writes for a workbook saved with "Encrypt with Password": the real
/// .xlsx zip, encrypted, inside a compound file.
pub fn encrypted_xlsx() -> Vec<u8> {
    // EncryptionInfo of agile encryption: version 4.4, flags 0x40, then XML.
    let mut info = vec![0x04, 0x00, 0x04, 0x00, 0x40, 0x00, 0x00, 0x00];
    info.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><encryption/>");
    let package = vec![0x5Au8; 5000];
    compound_file(&[("EncryptionInfo", info), ("EncryptedPackage", package)])
}

/// A legacy .xls whose workbook stream starts with BOF then FILEPASS (RC4).
pub fn password_xls() -> Vec<u8> {
    let mut wb = Vec::new();
    // BOF: BIFF8, workbook globals.
    wb.extend_from_slice(&0x0809u16.to_le_bytes());
    wb.extend_from_slice(&16u16.to_le_bytes());
    let mut bof = [0u8; 16];
    bof[..2].copy_from_slice(&0x0600u16.to_le_bytes());
    bof[2..4].copy_from_slice(&0x0005u16.to_le_bytes());
    wb.extend_from_slice(&bof);
    // FILEPASS: wEncryptionType 1 (RC4), then the RC4 header (54 bytes in all).
    wb.extend_from_slice(&0x002Fu16.to_le_bytes());
    wb.extend_from_slice(&54u16.to_le_bytes());
    let mut pass = [0x11u8; 54];
    pass[..2].copy_from_slice(&1u16.to_le_bytes());
    wb.extend_from_slice(&pass);
    // EOF.
    wb.extend_from_slice(&0x000Au16.to_le_bytes());
    wb.extend_from_slice(&0u16.to_le_bytes());
    compound_file(&[("Workbook", wb)])
}
